import type { LocalizedText } from '../catalogue/types.js';
import type { USER_ROLES } from '../schemas/commands.js';
import { STAGE_EVENT_LABELS, STAGE_EVENT_TYPES } from '../stages/events.js';

/*
 * What the audit screens, the pilot timeline and the audit CSV show instead of the codes the log
 * stores (`pilot.self_inspection_submitted`, `inspection_task`). The codes stay in the log: they are
 * what the hash chain covers and what filters match.
 */

/** Stage-machine events are audited as `pilot.<event in lower case>` (workflows/src/pilot/stage-sync.ts). */
export function stageEventAction(type: (typeof STAGE_EVENT_TYPES)[number]): string {
  return `pilot.${type.toLowerCase()}`;
}

const STAGE_EVENT_ACTION_LABELS: Record<string, LocalizedText> = Object.fromEntries(
  STAGE_EVENT_TYPES.map((type) => [stageEventAction(type), STAGE_EVENT_LABELS[type]]),
);

/** Every action the system writes, by code. A test scans the writers so none goes unlabelled. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, LocalizedText>> = {
  // accounts and sessions
  'auth.login': { zh: '登录', en: 'Logged in' },
  'auth.login_failed': { zh: '登录失败（密码错误）', en: 'Failed log-in (wrong password)' },
  'auth.locked': { zh: '多次登录失败，暂停登录', en: 'Log-ins held back after repeated failures' },
  'auth.password_changed': { zh: '修改本人密码', en: 'Own password changed' },
  'user.create': { zh: '新建用户', en: 'User created' },
  'user.update': { zh: '修改用户信息', en: 'User updated' },
  'user.reset_password': { zh: '重置用户密码', en: 'Password reset' },
  // the evaluation catalogue
  'catalogue.create_draft': { zh: '起草评价标准新版本', en: 'Catalogue draft created' },
  'catalogue.update_draft': { zh: '修改评价标准草稿', en: 'Catalogue draft changed' },
  'catalogue.replace_draft': { zh: '替换评价标准草稿内容', en: 'Catalogue draft replaced' },
  'catalogue.publish': { zh: '发布评价标准版本', en: 'Catalogue version published' },
  // the working calendar (工作日历)
  'calendar.create_draft': { zh: '起草工作日历新版本', en: 'Calendar draft created' },
  'calendar.update_draft': { zh: '修改工作日历草稿', en: 'Calendar draft changed' },
  'calendar.publish': { zh: '发布工作日历版本', en: 'Calendar release published' },
  'calendar.adopt_bulk': { zh: '将工作日历批量应用到运行中的试点', en: 'Calendar applied to running pilots' },
  'pilot.adopt_calendar': { zh: '试点改按新版工作日历执行', en: 'Pilot moved to a new calendar release' },
  // enrolment and steering
  'enrollment.create': { zh: '纳入试点', en: 'Pilot enrolled' },
  'enrollment.import': { zh: '导入系统上线前的试点记录', en: 'Paper-era pilot imported' },
  'enrollment.bulk_create': { zh: '批量纳入试点', en: 'Pilots enrolled in bulk' },
  'enrollment.reassign_inspector': { zh: '调整检查员分工', en: 'Inspectors reassigned' },
  'enrollment.experience_summary': { zh: '记录经验做法总结', en: 'Experience write-up recorded' },
  'compound.promote_demonstration': { zh: '评定为示范小区', en: 'Promoted to demonstration compound' },
  'pilot.pause': { zh: '暂停试点', en: 'Pilot paused' },
  'pilot.resume': { zh: '恢复试点', en: 'Pilot resumed' },
  // stage changes (阶段推进)
  ...STAGE_EVENT_ACTION_LABELS,
  // inspections and rounds
  'inspection.submit': { zh: '提交检查结果', en: 'Inspection submitted' },
  'task.missed': { zh: '检查任务逾期未完成', en: 'Inspection task missed' },
  'task.cancelled': { zh: '检查任务已取消', en: 'Inspection task cancelled' },
  'task.extend': { zh: '检查任务延期', en: 'Inspection task extended' },
  'round.evaluate': { zh: '轮次评估', en: 'Round evaluated' },
  'round.archive': { zh: '建档建册', en: 'Round archived' },
  'archive.book': { zh: '生成档案册文件', en: 'File book (PDF) made' },
  // rectifications (整改台账)
  'rectification.respond': { zh: '提交整改答复', en: 'Rectification answered' },
  'rectification.control': { zh: '隐患已管控', en: 'Hazard controlled' },
  'rectification.accept': { zh: '核验通过并销号', en: 'Verified and closed' },
  'rectification.reject': { zh: '核验不通过，退回整改', en: 'Rejected and reopened' },
  'rectification.extend': { zh: '整改期限延期', en: 'Rectification deadline extended' },
  'evidence.upload': { zh: '上传佐证材料', en: 'Evidence uploaded' },
  // the register (台账) and its import
  'community.create': { zh: '新建社区', en: 'Community created' },
  'community.update': { zh: '修改社区', en: 'Community changed' },
  'community.deactivate': { zh: '停用社区', en: 'Community deactivated' },
  'firm.create': { zh: '新建物业企业', en: 'Firm created' },
  'firm.update': { zh: '修改物业企业', en: 'Firm changed' },
  'firm.deactivate': { zh: '停用物业企业', en: 'Firm deactivated' },
  'compound.create': { zh: '新建小区', en: 'Compound created' },
  'compound.update': { zh: '修改小区', en: 'Compound changed' },
  'compound.handover': { zh: '小区更换物业企业', en: 'Compound handed to another firm' },
  'compound.deactivate': { zh: '停用小区', en: 'Compound deactivated' },
  'import.apply': { zh: '批量导入', en: 'Spreadsheet imported' },
  'user.notice_settings': { zh: '修改提醒方式', en: 'Notice channels changed' },
  // the governance closed loop: each step of a matter (事项)
  'matter.collected': { zh: '事项收集', en: 'Matter collected' },
  'matter.classified': { zh: '事项分类', en: 'Matter classified' },
  'matter.assigned': { zh: '事项派单', en: 'Matter assigned' },
  'matter.accepted': { zh: '事项受理', en: 'Matter accepted' },
  'matter.returned': { zh: '事项退回', en: 'Matter returned' },
  'matter.joined': { zh: '联动处置', en: 'Units asked to join' },
  'matter.progress': { zh: '处置进展', en: 'Progress posted' },
  'matter.answered': { zh: '办理答复', en: 'Matter answered' },
  'matter.rated': { zh: '居民评价', en: 'Matter rated' },
  'matter.confirmed': { zh: '回访确认', en: 'Matter confirmed' },
  'matter.reopened': { zh: '事项重新办理', en: 'Matter reopened' },
  'matter.reminded': { zh: '事项到期提醒', en: 'Matter reminder' },
  'matter.escalated': { zh: '超时督办', en: 'Matter escalated' },
  'matter.auto_closed': { zh: '逾期未评价自动办结', en: 'Matter closed automatically' },
  'matter.cancelled': { zh: '事项撤销', en: 'Matter cancelled' },
  'matter.closed': { zh: '事项销号', en: 'Matter closed' },
  'party.create': { zh: '新增联动单位', en: 'Partner unit created' },
  'matter_rules.publish': { zh: '发布事项办理规则', en: 'Matter rules published' },
  'party.update': { zh: '修改联动单位', en: 'Partner unit changed' },
  'party.deactivate': { zh: '停用联动单位', en: 'Partner unit deactivated' },
  'resident_application.create': { zh: '居民注册申请', en: 'Resident registration' },
  'resident_application.approve': { zh: '居民注册通过', en: 'Resident registration approved' },
  'resident_application.reject': { zh: '居民注册不予通过', en: 'Resident registration rejected' },
  'patrol.plan_created': { zh: '制定巡查计划', en: 'Patrol plan made' },
  'patrol.visit_done': { zh: '完成巡查', en: 'Patrol visit done' },
  'meeting.created': { zh: '发起四方联席会议', en: 'Joint meeting called' },
  'meeting.opinion': { zh: '会前意见', en: 'Opinion before the meeting' },
  'meeting.opinions': { zh: '会前征集', en: 'Opinions collected' },
  'meeting.meeting': { zh: '意见征集截止', en: 'Opinion window closed' },
  'meeting.follow_up': { zh: '召开会议', en: 'Meeting held' },
  'meeting.closed': { zh: '发布会后反馈', en: 'Feedback published' },
  // 激励评价: rule sets, periods, 红黑榜
  'evaluation_rules.draft': { zh: '起草评价规则', en: 'Evaluation rules drafted' },
  'evaluation_rules.publish': { zh: '发布评价规则', en: 'Evaluation rules published' },
  'evaluation_period.compute': { zh: '计算评价周期', en: 'Evaluation period computed' },
  'evaluation_period.recompute': { zh: '重新计算评价周期', en: 'Evaluation period recomputed' },
  'evaluation_period.publish': { zh: '发布评价结果', en: 'Evaluation published' },
  'firm_list.confirm': { zh: '确认上榜', en: 'Listing confirmed' },
  'firm_list.dismiss': { zh: '不予上榜', en: 'Candidate dismissed' },
  'firm_list.end': { zh: '撤榜', en: 'Listing ended' },
  // 三微案例 and 信息公开
  'case.submit': { zh: '报送案例', en: 'Case submitted' },
  'case.revise': { zh: '修改后重新报送案例', en: 'Case revised' },
  'case.review': { zh: '审核案例', en: 'Case reviewed' },
  'case_issue.create': { zh: '新建案例期', en: 'Case issue created' },
  'case_issue.update': { zh: '编辑案例期', en: 'Case issue edited' },
  'case_issue.publish': { zh: '发布案例期', en: 'Case issue published' },
  'disclosure.publish': { zh: '发布信息公开页', en: 'Public page published' },
  // 全面推广 campaigns
  'campaign.draft': { zh: '起草推广计划', en: 'Campaign drafted' },
  'campaign.update': { zh: '修改推广计划', en: 'Campaign changed' },
  'campaign.rebalance': { zh: '调整检查员分工', en: 'Inspectors rebalanced' },
  'campaign.confirm': { zh: '确认推广并批量纳入试点', en: 'Campaign confirmed' },
  'campaign.cancel': { zh: '取消推广计划', en: 'Campaign cancelled' },
  'campaign.retry': { zh: '重试未启动的小区', en: 'Failed compounds retried' },
  'campaign.enrolled': { zh: '推广小区启动完毕', en: 'Campaign compounds started' },
  'campaign.compound_started': { zh: '推广小区试点已启动', en: 'Compound pilot started' },
  'campaign.compound_already_enrolled': { zh: '推广小区已在试点中', en: 'Compound already in a pilot' },
  'campaign.compound_failed': { zh: '推广小区未能启动', en: 'Compound pilot not started' },
  // 痕迹化管理
  'equipment.create': { zh: '登记设施设备', en: 'Equipment registered' },
  'equipment.update': { zh: '修改设备台账', en: 'Equipment record changed' },
  'logbook.record': { zh: '记录台账', en: 'Logbook entry recorded' },
  'logbook.correct': { zh: '更正台账记录', en: 'Logbook entry corrected' },
  'logbook.import': { zh: '导入台账记录', en: 'Logbooks imported' },
  'patrol_route.create': { zh: '新建巡检路线', en: 'Patrol route created' },
  'patrol_route.retire': { zh: '停用巡检路线', en: 'Patrol route retired' },
  'patrol_route.activate': { zh: '启用巡检路线', en: 'Patrol route back in use' },
  'steward.assign': { zh: '指派物业管家', en: 'Steward assigned' },
  'steward.end': { zh: '结束物业管家服务', en: 'Steward service ended' },
  'visitor.purge': { zh: '到期删除访客信息', en: 'Visitor data deleted at retention end' },
  // set-up
  'seed.demo_data': { zh: '载入演示数据', en: 'Demo data loaded' },
};

/** What an audit entry is about, by the `entityType` the writers use. */
export const AUDIT_ENTITY_LABELS: Readonly<Record<string, LocalizedText>> = {
  enrollment: { zh: '试点', en: 'Pilot' },
  enrollment_batch: { zh: '批量纳入申请', en: 'Bulk enrollment' },
  compound: { zh: '小区', en: 'Compound' },
  inspection_task: { zh: '检查任务', en: 'Inspection task' },
  round: { zh: '检查轮次', en: 'Inspection round' },
  archive: { zh: '档案', en: 'Archive' },
  rectification: { zh: '整改事项', en: 'Rectification item' },
  evidence: { zh: '佐证材料', en: 'Evidence' },
  user: { zh: '用户', en: 'User' },
  catalogue_version: { zh: '评价标准版本', en: 'Catalogue version' },
  calendar_release: { zh: '工作日历版本', en: 'Calendar release' },
  community: { zh: '社区', en: 'Community' },
  firm: { zh: '物业企业', en: 'Property firm' },
  import_job: { zh: '导入记录', en: 'Import' },
  seed: { zh: '演示数据', en: 'Demo data' },
  matter: { zh: '事项', en: 'Matter' },
  matter_rules: { zh: '事项办理规则', en: 'Matter rules' },
  meeting: { zh: '四方联席会议', en: 'Joint meeting' },
  party: { zh: '联动单位', en: 'Partner unit' },
  patrol_plan: { zh: '巡查计划', en: 'Patrol plan' },
  patrol_visit: { zh: '巡查', en: 'Patrol visit' },
  resident_application: { zh: '居民注册申请', en: 'Resident registration' },
  evaluation_rules: { zh: '评价规则', en: 'Evaluation rules' },
  evaluation_period: { zh: '评价周期', en: 'Evaluation period' },
  firm_list_entry: { zh: '红黑榜记录', en: 'List entry' },
  micro_case: { zh: '三微案例', en: 'Case' },
  case_issue: { zh: '案例期', en: 'Case issue' },
  disclosure_snapshot: { zh: '信息公开页', en: 'Public page' },
  rollout_campaign: { zh: '推广计划', en: 'Rollout campaign' },
  campaign_compound: { zh: '推广小区', en: 'Campaign compound' },
  equipment: { zh: '设施设备', en: 'Equipment item' },
  logbook_entry: { zh: '台账记录', en: 'Logbook entry' },
  patrol_route: { zh: '巡检路线', en: 'Patrol route' },
  steward_assignment: { zh: '物业管家', en: 'Steward' },
};

/** Who acted: the user roles, and the two actors that are not users. */
export const AUDIT_ROLE_LABELS: Readonly<Record<string, LocalizedText>> = {
  admin: { zh: '管理员', en: 'Administrator' },
  coordinator: { zh: '街道工作专班', en: 'Coordinator' },
  inspector: { zh: '检查员', en: 'Inspector' },
  firm: { zh: '物业服务企业', en: 'Property firm' },
  resident: { zh: '居民', en: 'Resident' },
  party: { zh: '联动单位', en: 'Partner unit' },
  system: { zh: '系统', en: 'System' },
  anonymous: { zh: '未登录用户', en: 'Anonymous' },
} satisfies Record<(typeof USER_ROLES)[number] | 'system' | 'anonymous', LocalizedText>;

/*
 * A code written by a newer version, or by one that has since been retired, is still shown with
 * words around it: never a bare code in a Chinese sentence, and the code stays visible so it can be
 * looked up.
 */
const OTHER_ACTION = { zh: '其他操作', en: 'Other action' } as const;
const OTHER_ENTITY = { zh: '其他对象', en: 'Other record' } as const;
const OTHER_ROLE = { zh: '其他角色', en: 'Other role' } as const;

function withFallback(
  labels: Readonly<Record<string, LocalizedText>>,
  other: LocalizedText,
  code: string,
): LocalizedText {
  // hasOwn: a code such as `constructor` must not find Object.prototype's member.
  const known = Object.hasOwn(labels, code) ? labels[code] : undefined;
  return known ?? { zh: `${other.zh}（${code}）`, en: `${other.en} (${code})` };
}

export function auditActionLabel(action: string): LocalizedText {
  return withFallback(AUDIT_ACTION_LABELS, OTHER_ACTION, action);
}

export function auditEntityLabel(entityType: string): LocalizedText {
  return withFallback(AUDIT_ENTITY_LABELS, OTHER_ENTITY, entityType);
}

/** The role of an audit entry's actor; an entry without one was written by the system. */
export function auditRoleLabel(role: string | null): LocalizedText {
  return withFallback(AUDIT_ROLE_LABELS, OTHER_ROLE, role ?? 'system');
}

/** The codes the label table knows, for "other" searches that must match everything else. */
export const AUDIT_ACTIONS: readonly string[] = Object.keys(AUDIT_ACTION_LABELS);
export const AUDIT_ENTITY_TYPES: readonly string[] = Object.keys(AUDIT_ENTITY_LABELS);

function contains(text: LocalizedText, needle: string): boolean {
  return text.zh.includes(needle) || text.en.toLowerCase().includes(needle.toLowerCase());
}

/**
 * What a free-text audit search means in codes: the known actions and entity types whose label
 * (Chinese or English) contains `text`, and whether the fallback words ("其他操作", "Other action")
 * match, in which case every unknown code does too.
 */
export interface AuditTextMatch {
  actions: string[];
  entityTypes: string[];
  otherActions: boolean;
  otherEntityTypes: boolean;
}

function codesLabelled(labels: Readonly<Record<string, LocalizedText>>, needle: string): string[] {
  return Object.entries(labels).flatMap(([code, label]) => (contains(label, needle) ? [code] : []));
}

export function auditCodesMatching(text: string): AuditTextMatch {
  const needle = text.trim();
  return {
    actions: codesLabelled(AUDIT_ACTION_LABELS, needle),
    entityTypes: codesLabelled(AUDIT_ENTITY_LABELS, needle),
    otherActions: needle.length > 0 && contains(OTHER_ACTION, needle),
    otherEntityTypes: needle.length > 0 && contains(OTHER_ENTITY, needle),
  };
}
