import { deepFreeze, type MicroCaseType } from '@pilot/domain';
import type { Prisma } from '../generated/prisma/client.js';
import { DEMO_COMPOUNDS, DEMO_IDS } from './demo-data.js';

/*
 * The 三微案例 column of the demo, with the article's counts: 12 published issues, 65 shortlisted
 * cases (入围) of which 40 were selected into the issues, spread over the weeks of 2026 across every
 * demo firm and its compounds; and a few cases still in the review (awaiting it, or returned to the
 * firm with a note). The topics are common small deeds of residential property service; every
 * title and text is invented. Dates are fixed, so a reseed on another day writes the same rows.
 */

export const DEMO_CASE_ISSUES = 12;
export const DEMO_SHORTLISTED_CASES = 65;
export const DEMO_SELECTED_CASES = 40;
/** Cases still in the review: 3 awaiting it, 2 returned for revision. */
export const DEMO_CASES_IN_REVIEW = { submitted: 3, returned: 2 } as const;

interface Topic {
  type: MicroCaseType;
  title: string;
  body: string;
}

/** What a firm did, in a sentence or three; `{c}` is the compound's name. */
const TOPICS: readonly Topic[] = deepFreeze([
  {
    type: 'service',
    title: '楼道应急灯一夜换新',
    body: '{c}业主反映楼道应急灯不亮，物业当晚组织维修人员逐层排查，更换损坏灯具并在每层张贴报修电话，第二天回访业主确认照明正常。',
  },
  {
    type: 'project',
    title: '电动车充电棚建成投用',
    body: '针对{c}电动车飞线充电的安全隐患，物业协调社区选址建设集中充电棚，安装智能充电桩和灭火器，开展消防宣传，楼道飞线全部清零。',
  },
  {
    type: 'innovation',
    title: '“扫码报修”十分钟响应',
    body: '{c}在每个单元门口张贴报修二维码，业主扫码即可上传照片和位置，物业管家十分钟内响应，维修进度在手机上随时可查。',
  },
  {
    type: 'service',
    title: '高龄独居老人每周上门探访',
    body: '物业与社区网格员一起为{c}的高龄独居老人建立联系卡，每周上门探访一次，帮忙检查燃气和用电安全，代买生活用品。',
  },
  {
    type: 'project',
    title: '雨季前疏通排水管网',
    body: '汛期到来前，物业对{c}的雨水井和排水管网进行全面疏通，清理淤泥，检查地下车库挡水板，备好沙袋和抽水泵，确保暴雨时排水通畅。',
  },
  {
    type: 'innovation',
    title: '电梯困人救援演练常态化',
    body: '{c}物业联合电梯维保单位每季度开展困人救援演练，把救援电话贴在轿厢内，值班人员熟练掌握盘车流程，救援到达时间明显缩短。',
  },
  {
    type: 'service',
    title: '绿化带改造成停车位',
    body: '在广泛征求{c}业主意见后，物业将长期荒废的一段绿化带改造为生态停车位，同时补种树木，缓解了夜间停车难。',
  },
  {
    type: 'project',
    title: '单元门禁全面维修',
    body: '{c}多个单元门禁损坏，物业逐一登记后统一维修更换，并为老人录入人脸识别，外来人员需登记后进入，小区安全感明显提升。',
  },
  {
    type: 'service',
    title: '物业经理接待日面对面听意见',
    body: '{c}每月设立物业经理接待日，业主可当面反映问题，现场能解决的当场解决，不能解决的登记台账并限期答复，做到件件有回音。',
  },
  {
    type: 'innovation',
    title: '垃圾分类积分兑换',
    body: '物业在{c}推行垃圾分类积分制，业主正确投放即可积分，积分可兑换日用品，分类准确率逐月提高，垃圾桶周边更加整洁。',
  },
  {
    type: 'project',
    title: '楼顶防水层修补',
    body: '针对{c}顶层业主反映的渗漏问题，物业组织专业队伍对楼顶防水层进行修补，雨后逐户回访，渗漏问题得到解决。',
  },
  {
    type: 'service',
    title: '冬季供暖前入户检查',
    body: '供暖季前，物业工作人员走进{c}逐户检查暖气阀门和管道，提前发现并处理跑冒滴漏，帮助业主放气排空，保障按时供暖。',
  },
  {
    type: 'innovation',
    title: '消防通道“一键挪车”',
    body: '{c}消防通道常被占用，物业在通道处设置挪车提示牌，车主扫码即可收到提醒，物业巡查发现占用后五分钟内联系车主，通道保持畅通。',
  },
  {
    type: 'project',
    title: '健身器材更新改造',
    body: '物业对{c}老旧健身器材进行安全检查，拆除存在隐患的器材，新增适合老年人的健身设施，并铺设防滑地面。',
  },
  {
    type: 'service',
    title: '代收快递便民服务点',
    body: '物业在{c}门岗设立便民服务点，为上班族和老年人代收快递、代订桶装水，节假日照常服务，方便了业主生活。',
  },
  {
    type: 'innovation',
    title: '二次供水水箱清洗公示',
    body: '物业对{c}二次供水水箱完成年度清洗消毒，并把检测报告张贴在公告栏，业主扫码即可查看水质检测结果，用水更放心。',
  },
  {
    type: 'project',
    title: '楼道杂物集中清理',
    body: '物业联合社区对{c}楼道堆放的杂物开展集中清理，逐户沟通，清出通道，同时张贴消防安全提示，楼道环境焕然一新。',
  },
  {
    type: 'service',
    title: '雪后连夜清扫主干道',
    body: '降雪当晚，物业组织人员连夜清扫{c}主干道和单元出入口积雪，铺设防滑垫，早高峰前全部清扫完毕，业主出行安全。',
  },
  {
    type: 'innovation',
    title: '“红色物业”议事角',
    body: '物业在{c}设立议事角，党员业主、楼长和物业人员定期议事，小区的停车、绿化等问题在议事角商量出办法，矛盾化解在一线。',
  },
  {
    type: 'project',
    title: '路灯补装照亮回家路',
    body: '{c}部分路段夜间照明不足，物业补装太阳能路灯，并对原有路灯进行检修，业主夜间回家不再摸黑。',
  },
  {
    type: 'service',
    title: '暑期少儿托管公益课堂',
    body: '暑假期间，物业在{c}活动室开设公益课堂，邀请志愿者为双职工家庭的孩子辅导作业、讲安全知识，家长们纷纷点赞。',
  },
  {
    type: 'innovation',
    title: '设备巡检电子台账',
    body: '物业为{c}的水泵房、配电室建立电子巡检台账，巡检人员扫码记录运行情况，异常自动提醒，设备责任人一目了然。',
  },
]);

/** Every demo firm serves a few compounds; the cases go round them so each firm has its share. */
const COMPOUNDS = DEMO_COMPOUNDS.map((c) => ({ id: c.id, name: c.name, firmId: c.firmId }));

const ISSUE_TITLES: readonly string[] = [
  '新春暖心 服务到家',
  '扫码报修 响应更快',
  '楼道安全 小事不小',
  '绿色家园 共建共享',
  '汛期守护 排水先行',
  '关爱老人 温暖同行',
  '电梯安全 时刻在线',
  '停车有序 通道畅通',
  '暑期课堂 陪伴成长',
  '设施更新 品质提升',
  '议事协商 化解矛盾',
  '冬季保暖 供暖无忧',
];

/** 40 selected cases over 12 issues: four issues of four, eight of three. */
const ISSUE_SIZES: readonly number[] = [4, 3, 4, 3, 3, 4, 3, 3, 4, 3, 3, 3];

/** Monday of ISO week `week` of 2026 (Asia/Shanghai 09:00, as UTC), plus `days`. */
function weekOf2026(week: number, days = 0, hour = 9): Date {
  // 2025-12-29 is the Monday of ISO week 1 of 2026.
  const monday = Date.UTC(2025, 11, 29) + ((week - 1) * 7 + days) * 86_400_000;
  return new Date(monday + (hour - 8) * 3_600_000);
}

const firmUser = (firmId: string): string => `usr-${firmId}`;

export interface DemoCases {
  issues: Prisma.CaseIssueCreateManyInput[];
  cases: Prisma.MicroCaseCreateManyInput[];
}

/**
 * The demo's issues and cases. Case k (1-based) is submitted in week ⌈k·44/70⌉ of 2026, so the 70
 * cases run from January to November about weekly; the 40 selected are the earliest shortlisted
 * ones, placed in issues in order; issue n is published in week 4n−1 (after its cases' review).
 */
export function demoCases(): DemoCases {
  const reviewer = DEMO_IDS.coordinator;
  const total = DEMO_SHORTLISTED_CASES + DEMO_CASES_IN_REVIEW.submitted + DEMO_CASES_IN_REVIEW.returned;
  const cases: Prisma.MicroCaseCreateManyInput[] = [];
  const weeks: number[] = [];
  for (let k = 1; k <= total; k++) {
    const topic = TOPICS[(k - 1) % TOPICS.length]!;
    // A step of 5 over 28 compounds reaches every one before repeating (5 and 28 are coprime).
    const compound = COMPOUNDS[((k - 1) * 5) % COMPOUNDS.length]!;
    const week = Math.max(1, Math.ceil((k * 44) / total));
    // Monday to Wednesday; week 1 of 2026 starts on 2025-12-29, so its cases come on New Year's Day.
    const submittedAt = weekOf2026(week, week === 1 ? 3 : k % 3, 10);
    weeks.push(week);
    const inReview = k > DEMO_SHORTLISTED_CASES;
    const returned = inReview && k > total - DEMO_CASES_IN_REVIEW.returned;
    cases.push({
      id: `case-demo-${String(k).padStart(3, '0')}`,
      firmId: compound.firmId,
      compoundId: compound.id,
      type: topic.type,
      title: `${compound.name}：${topic.title}`,
      body: topic.body.replaceAll('{c}', compound.name),
      photoIds: [],
      status: inReview ? (returned ? 'returned' : 'submitted') : 'shortlisted',
      submittedById: firmUser(compound.firmId),
      submittedAt,
      revision: 1,
      reviewNote: returned ? '请补充整改前后的对比照片，并写明业主的反馈。' : null,
      reviewedById: inReview && !returned ? null : reviewer,
      reviewedAt: inReview && !returned ? null : weekOf2026(week, 4, 15),
    });
  }
  const issues: Prisma.CaseIssueCreateManyInput[] = [];
  let next = 0;
  ISSUE_SIZES.forEach((size, index) => {
    const number = index + 1;
    const id = `issue-demo-${String(number).padStart(2, '0')}`;
    // About every four weeks, and never before its last case was reviewed (that week's Friday).
    const lastWeek = weeks[next + size - 1] ?? 1;
    const publishedAt = weekOf2026(Math.max(number * 4 - 1, lastWeek + 1), 4, 16);
    issues.push({
      id,
      number,
      title: ISSUE_TITLES[index] ?? `第${number}期`,
      foreword: `“微服务 紧扣民生”第${number}期：本期精选${size}个来自辖区物业企业的案例。`,
      status: 'published',
      createdAt: publishedAt,
      createdById: reviewer,
      publishedAt,
      publishedById: reviewer,
    });
    for (let position = 1; position <= size; position++) {
      const item = cases[next++]!;
      item.status = 'selected';
      item.issueId = id;
      item.position = position;
    }
  });
  return { issues, cases };
}
