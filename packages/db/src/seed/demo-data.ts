import { deepFreeze } from '@pilot/domain';
import type { Role } from '../generated/prisma/client.js';

/**
 * Reference data for the demo subdistrict. 锦水街道, 锦水园社区, 玫瑰家园, 祥顺物业 and the count of 28
 * compounds come from the report on the Pingyin pilot; every other name, address, figure, person
 * and phone number is invented. Ids are stable and readable so tests, the demo-pilot launcher and
 * people reading the database can refer to records without looking them up.
 */

export const DEMO_COUNTY = '平阴县';
export const DEMO_SUBDISTRICT = '锦水街道';

/** The one password every demo account is created with. Demo data only; never use it elsewhere. */
export const DEMO_PASSWORD = 'Pilot@2024';

export interface DemoCommunity {
  id: string;
  /** 12-digit statistical division code (county 370124, subdistrict 001, then the community). */
  code: string;
  name: string;
  subdistrict: string;
}

export interface DemoFirm {
  id: string;
  name: string;
  /** 统一社会信用代码, invented but checksum-valid. */
  creditCode: string;
  contactName: string;
  contactPhone: string;
}

export interface DemoCompound {
  id: string;
  name: string;
  communityId: string;
  firmId: string;
  address: string;
  households: number;
  buildings: number;
  yearBuilt: number;
  liftCount: number;
  hasFireControlRoom: boolean;
  hasSecondaryWaterSupply: boolean;
  hasUndergroundGarage: boolean;
  hasEvChargingArea: boolean;
  hasSepticTank: boolean;
}

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  firmId: string | null;
  phone: string | null;
  /** A partner unit's staff act for it. */
  partyId?: string;
  /** A resident's compound and room. */
  compoundId?: string;
  residence?: string;
}

export interface DemoParty {
  id: string;
  code: string;
  name: string;
  kind: 'property' | 'urban' | 'livelihood' | 'judicial';
  communityId: string | null;
  contactName: string | null;
  contactPhone: string | null;
}

/**
 * The 1+4+N network around 锦水街道 (1 subdistrict working group; 4 kinds: 物业管理, 城市管理,
 * 民生保障, 司法诉讼; N units), as the article names them.
 */
export const DEMO_PARTIES: readonly DemoParty[] = [
  {
    id: 'pty-jsy-jwh',
    code: 'JWH-001',
    name: '锦水园社区居委会',
    kind: 'property',
    communityId: 'com-jinshuiyuan',
    contactName: '李秀梅',
    contactPhone: '13805310041',
  },
  {
    id: 'pty-mgjy-ywh',
    code: 'YWH-001',
    name: '玫瑰家园业委会',
    kind: 'property',
    communityId: 'com-jinshuiyuan',
    contactName: '赵国华',
    contactPhone: '13805310042',
  },
  {
    id: 'pty-dh-jwh',
    code: 'JWH-002',
    name: '东湖社区居委会',
    kind: 'property',
    communityId: 'com-donghu',
    contactName: '孙丽',
    contactPhone: '13805310043',
  },
  {
    id: 'pty-zhzf',
    code: 'ZHZF-01',
    name: '锦水综合执法中队',
    kind: 'urban',
    communityId: null,
    contactName: '王海',
    contactPhone: '13805310044',
  },
  {
    id: 'pty-zjj',
    code: 'ZJ-01',
    name: '县住建局物业科',
    kind: 'urban',
    communityId: null,
    contactName: '刘强',
    contactPhone: '13805310045',
  },
  {
    id: 'pty-scjg',
    code: 'SCJG-01',
    name: '锦水市场监管所',
    kind: 'livelihood',
    communityId: null,
    contactName: '陈芳',
    contactPhone: '13805310046',
  },
  {
    id: 'pty-mz',
    code: 'MZ-01',
    name: '街道民政办',
    kind: 'livelihood',
    communityId: null,
    contactName: '张敏',
    contactPhone: '13805310047',
  },
  {
    id: 'pty-gtzy',
    code: 'GT-01',
    name: '锦水国土资源所',
    kind: 'livelihood',
    communityId: null,
    contactName: '郑涛',
    contactPhone: '13805310048',
  },
  {
    id: 'pty-pcs',
    code: 'PCS-01',
    name: '锦水派出所',
    kind: 'judicial',
    communityId: null,
    contactName: '周斌',
    contactPhone: '13805310049',
  },
  {
    id: 'pty-sfs',
    code: 'SFS-01',
    name: '锦水司法所',
    kind: 'judicial',
    communityId: null,
    contactName: '吴倩',
    contactPhone: '13805310050',
  },
];

export const DEMO_COMMUNITIES: readonly DemoCommunity[] = deepFreeze([
  { id: 'com-jinshuiyuan', code: '370124001001', name: '锦水园社区', subdistrict: DEMO_SUBDISTRICT },
  { id: 'com-donghu', code: '370124001002', name: '东湖社区', subdistrict: DEMO_SUBDISTRICT },
  { id: 'com-cuiping', code: '370124001003', name: '翠屏社区', subdistrict: DEMO_SUBDISTRICT },
  { id: 'com-shuyuan', code: '370124001004', name: '书院社区', subdistrict: DEMO_SUBDISTRICT },
  { id: 'com-nanshan', code: '370124001005', name: '南山社区', subdistrict: DEMO_SUBDISTRICT },
]);

export const DEMO_FIRMS: readonly DemoFirm[] = deepFreeze([
  {
    id: 'firm-xiangshun',
    name: '祥顺物业',
    creditCode: '91370124MA3C7X2K8N',
    contactName: '吴海涛',
    contactPhone: '13905310101',
  },
  {
    id: 'firm-jinrun',
    name: '锦润物业',
    creditCode: '91370124MA3D1Q8NXW',
    contactName: '郑丽萍',
    contactPhone: '13905310102',
  },
  {
    id: 'firm-hengtai',
    name: '恒泰物业',
    creditCode: '91370124MA3BR5L66L',
    contactName: '冯志强',
    contactPhone: '13905310103',
  },
  {
    id: 'firm-anhe',
    name: '安和物业',
    creditCode: '91370124MA3F02TJ1N',
    contactName: '何雪梅',
    contactPhone: '13905310104',
  },
  {
    id: 'firm-kangju',
    name: '康居物业',
    creditCode: '91370124MA3CK9P49X',
    contactName: '许国庆',
    contactPhone: '13905310105',
  },
  {
    id: 'firm-zhongcheng',
    name: '众诚物业',
    creditCode: '91370124MA3E6W1H0C',
    contactName: '韩立军',
    contactPhone: '13905310106',
  },
]);

const at = (street: string): string => `${DEMO_COUNTY}${DEMO_SUBDISTRICT}${street}`;

/**
 * 28 compounds. Newer high-rise estates have lifts (special equipment the weekly checklist covers);
 * the older work-unit compounds (宿舍, 单位小区) are low-rise, small and mostly served by one firm.
 */
export const DEMO_COMPOUNDS: readonly DemoCompound[] = deepFreeze([
  // 锦水园社区: where the pilot started.
  {
    id: 'cmp-meiguijiayuan',
    name: '玫瑰家园',
    communityId: 'com-jinshuiyuan',
    firmId: 'firm-xiangshun',
    address: at('玫瑰路18号'),
    households: 986,
    buildings: 16,
    yearBuilt: 2011,
    liftCount: 32,
    hasFireControlRoom: true,
    hasSecondaryWaterSupply: true,
    hasUndergroundGarage: true,
    hasEvChargingArea: true,
    hasSepticTank: false,
  },
  {
    id: 'cmp-jinshuihuayuan',
    name: '锦水花园',
    communityId: 'com-jinshuiyuan',
    firmId: 'firm-xiangshun',
    address: at('锦水路66号'),
    households: 612,
    buildings: 12,
    yearBuilt: 2002,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: true,
    hasSepticTank: true,
  },
  {
    id: 'cmp-lijingyuan',
    name: '丽景苑',
    communityId: 'com-jinshuiyuan',
    firmId: 'firm-xiangshun',
    address: at('玫瑰路52号'),
    households: 420,
    buildings: 8,
    yearBuilt: 2017,
    liftCount: 16,
    hasFireControlRoom: true,
    hasSecondaryWaterSupply: true,
    hasUndergroundGarage: true,
    hasEvChargingArea: true,
    hasSepticTank: false,
  },
  {
    id: 'cmp-jinxiuhuafu',
    name: '锦绣华府',
    communityId: 'com-jinshuiyuan',
    firmId: 'firm-xiangshun',
    address: at('府前街9号'),
    households: 1120,
    buildings: 20,
    yearBuilt: 2009,
    liftCount: 40,
    hasFireControlRoom: true,
    hasSecondaryWaterSupply: true,
    hasUndergroundGarage: true,
    hasEvChargingArea: true,
    hasSepticTank: false,
  },
  {
    id: 'cmp-jinguiyuan',
    name: '金桂园',
    communityId: 'com-jinshuiyuan',
    firmId: 'firm-jinrun',
    address: at('锦水路108号'),
    households: 356,
    buildings: 7,
    yearBuilt: 2003,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: true,
    hasSepticTank: true,
  },
  {
    id: 'cmp-hepingli',
    name: '和平里',
    communityId: 'com-jinshuiyuan',
    firmId: 'firm-zhongcheng',
    address: at('青年路21号'),
    households: 248,
    buildings: 6,
    yearBuilt: 1994,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: false,
    hasSepticTank: true,
  },
  {
    id: 'cmp-mianfangchangsushe',
    name: '棉纺厂宿舍',
    communityId: 'com-jinshuiyuan',
    firmId: 'firm-zhongcheng',
    address: at('青年路47号'),
    households: 180,
    buildings: 5,
    yearBuilt: 1999,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: false,
    hasSepticTank: true,
  },
  // 东湖社区
  {
    id: 'cmp-donghuyayuan',
    name: '东湖雅苑',
    communityId: 'com-donghu',
    firmId: 'firm-jinrun',
    address: at('东湖路88号'),
    households: 768,
    buildings: 14,
    yearBuilt: 2010,
    liftCount: 28,
    hasFireControlRoom: true,
    hasSecondaryWaterSupply: true,
    hasUndergroundGarage: true,
    hasEvChargingArea: true,
    hasSepticTank: false,
  },
  {
    id: 'cmp-binhexiaoqu',
    name: '滨河小区',
    communityId: 'com-donghu',
    firmId: 'firm-jinrun',
    address: at('滨河路15号'),
    households: 530,
    buildings: 11,
    yearBuilt: 1995,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: true,
    hasSepticTank: true,
  },
  {
    id: 'cmp-yangguanghuayuan',
    name: '阳光花园',
    communityId: 'com-donghu',
    firmId: 'firm-jinrun',
    address: at('东湖路126号'),
    households: 644,
    buildings: 12,
    yearBuilt: 2016,
    liftCount: 24,
    hasFireControlRoom: true,
    hasSecondaryWaterSupply: true,
    hasUndergroundGarage: true,
    hasEvChargingArea: true,
    hasSepticTank: false,
  },
  {
    id: 'cmp-shuianjiayuan',
    name: '水岸家园',
    communityId: 'com-donghu',
    firmId: 'firm-hengtai',
    address: at('滨河路77号'),
    households: 812,
    buildings: 15,
    yearBuilt: 2008,
    liftCount: 30,
    hasFireControlRoom: true,
    hasSecondaryWaterSupply: true,
    hasUndergroundGarage: true,
    hasEvChargingArea: true,
    hasSepticTank: false,
  },
  {
    id: 'cmp-xingfuli',
    name: '幸福里',
    communityId: 'com-donghu',
    firmId: 'firm-zhongcheng',
    address: at('东湖路31号'),
    households: 296,
    buildings: 7,
    yearBuilt: 1996,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: false,
    hasSepticTank: true,
  },
  {
    id: 'cmp-gongdianxiaoqu',
    name: '供电小区',
    communityId: 'com-donghu',
    firmId: 'firm-zhongcheng',
    address: at('滨河路3号'),
    households: 156,
    buildings: 4,
    yearBuilt: 2001,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: false,
    hasSepticTank: true,
  },
  // 翠屏社区
  {
    id: 'cmp-cuipingyuan',
    name: '翠屏苑',
    communityId: 'com-cuiping',
    firmId: 'firm-hengtai',
    address: at('翠屏街56号'),
    households: 702,
    buildings: 13,
    yearBuilt: 2017,
    liftCount: 26,
    hasFireControlRoom: true,
    hasSecondaryWaterSupply: true,
    hasUndergroundGarage: true,
    hasEvChargingArea: true,
    hasSepticTank: false,
  },
  {
    id: 'cmp-taiheyuan',
    name: '泰和园',
    communityId: 'com-cuiping',
    firmId: 'firm-hengtai',
    address: at('翠屏街102号'),
    households: 458,
    buildings: 9,
    yearBuilt: 1997,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: true,
    hasSepticTank: true,
  },
  {
    id: 'cmp-cuipingmingzhu',
    name: '翠屏明珠',
    communityId: 'com-cuiping',
    firmId: 'firm-hengtai',
    address: at('翠屏街8号'),
    households: 936,
    buildings: 16,
    yearBuilt: 2012,
    liftCount: 32,
    hasFireControlRoom: true,
    hasSecondaryWaterSupply: true,
    hasUndergroundGarage: true,
    hasEvChargingArea: true,
    hasSepticTank: false,
  },
  {
    id: 'cmp-yihejiayuan',
    name: '怡和家园',
    communityId: 'com-cuiping',
    firmId: 'firm-anhe',
    address: at('府前街63号'),
    households: 384,
    buildings: 8,
    yearBuilt: 1993,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: true,
    hasSepticTank: true,
  },
  {
    id: 'cmp-jiaoshigongyu',
    name: '教师公寓',
    communityId: 'com-cuiping',
    firmId: 'firm-zhongcheng',
    address: at('府前街40号'),
    households: 212,
    buildings: 6,
    yearBuilt: 1998,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: false,
    hasSepticTank: true,
  },
  // 书院社区
  {
    id: 'cmp-shuxiangmingdi',
    name: '书香名邸',
    communityId: 'com-shuyuan',
    firmId: 'firm-anhe',
    address: at('书院路28号'),
    households: 1048,
    buildings: 18,
    yearBuilt: 2010,
    liftCount: 36,
    hasFireControlRoom: true,
    hasSecondaryWaterSupply: true,
    hasUndergroundGarage: true,
    hasEvChargingArea: true,
    hasSepticTank: false,
  },
  {
    id: 'cmp-wenchangyuan',
    name: '文昌苑',
    communityId: 'com-shuyuan',
    firmId: 'firm-anhe',
    address: at('文昌街12号'),
    households: 566,
    buildings: 10,
    yearBuilt: 1994,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: true,
    hasSepticTank: true,
  },
  {
    id: 'cmp-xuefuhuating',
    name: '学府华庭',
    communityId: 'com-shuyuan',
    firmId: 'firm-anhe',
    address: at('书院路71号'),
    households: 874,
    buildings: 15,
    yearBuilt: 2016,
    liftCount: 30,
    hasFireControlRoom: true,
    hasSecondaryWaterSupply: true,
    hasUndergroundGarage: true,
    hasEvChargingArea: true,
    hasSepticTank: false,
  },
  {
    id: 'cmp-heshunxiaoqu',
    name: '和顺小区',
    communityId: 'com-shuyuan',
    firmId: 'firm-kangju',
    address: at('文昌街45号'),
    households: 322,
    buildings: 7,
    yearBuilt: 2004,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: true,
    hasSepticTank: true,
  },
  {
    id: 'cmp-yuquanxiaoqu',
    name: '玉泉小区',
    communityId: 'com-shuyuan',
    firmId: 'firm-kangju',
    address: at('书院路9号'),
    households: 274,
    buildings: 6,
    yearBuilt: 1995,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: false,
    hasSepticTank: true,
  },
  // 南山社区
  {
    id: 'cmp-nanshanhuafu',
    name: '南山华府',
    communityId: 'com-nanshan',
    firmId: 'firm-kangju',
    address: at('南山路99号'),
    households: 1206,
    buildings: 22,
    yearBuilt: 2014,
    liftCount: 44,
    hasFireControlRoom: true,
    hasSecondaryWaterSupply: true,
    hasUndergroundGarage: true,
    hasEvChargingArea: true,
    hasSepticTank: false,
  },
  {
    id: 'cmp-songheyuan',
    name: '松鹤园',
    communityId: 'com-nanshan',
    firmId: 'firm-kangju',
    address: at('南山路36号'),
    households: 398,
    buildings: 8,
    yearBuilt: 2005,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: true,
    hasSepticTank: true,
  },
  {
    id: 'cmp-lvyinxiaoqu',
    name: '绿荫小区',
    communityId: 'com-nanshan',
    firmId: 'firm-kangju',
    address: at('南山路140号'),
    households: 466,
    buildings: 9,
    yearBuilt: 1996,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: true,
    hasSepticTank: true,
  },
  {
    id: 'cmp-fuxingjiayuan',
    name: '福星家园',
    communityId: 'com-nanshan',
    firmId: 'firm-hengtai',
    address: at('青年路168号'),
    households: 688,
    buildings: 12,
    yearBuilt: 2012,
    liftCount: 24,
    hasFireControlRoom: true,
    hasSecondaryWaterSupply: true,
    hasUndergroundGarage: true,
    hasEvChargingArea: true,
    hasSepticTank: false,
  },
  {
    id: 'cmp-nanshanxincun',
    name: '南山新村',
    communityId: 'com-nanshan',
    firmId: 'firm-zhongcheng',
    address: at('南山路5号'),
    households: 340,
    buildings: 8,
    yearBuilt: 1992,
    liftCount: 0,
    hasFireControlRoom: false,
    hasSecondaryWaterSupply: false,
    hasUndergroundGarage: false,
    hasEvChargingArea: true,
    hasSepticTank: true,
  },
]);

const staff = (
  id: string,
  username: string,
  displayName: string,
  role: Role,
  phone: string | null = null,
): DemoUser => ({ id, username, displayName, role, firmId: null, phone });

/** One account per firm, named after the firm's contact (项目经理) and tied to the firm. */
const firmAccounts: DemoUser[] = DEMO_FIRMS.map((firm) => ({
  id: `usr-${firm.id}`,
  username: firm.id.replace(/^firm-/, 'firm.'),
  displayName: `${firm.contactName}（${firm.name}）`,
  role: 'firm',
  firmId: firm.id,
  phone: firm.contactPhone,
}));

export const DEMO_USERS: readonly DemoUser[] = deepFreeze([
  // 县/街道管理员
  staff('usr-admin-county', 'admin.county', '周建国（县住建局）', 'admin'),
  staff('usr-admin-jinshui', 'admin.jinshui', '陈静（锦水街道）', 'admin'),
  // 街道工作专班
  staff('usr-coord-wang', 'coord.wang', '王志刚（街道工作专班）', 'coordinator', '13805310011'),
  staff('usr-coord-liu', 'coord.liu', '刘晓燕（街道工作专班）', 'coordinator', '13805310012'),
  // 街道工作小组
  staff('usr-insp-zhang', 'insp.zhang', '张伟', 'inspector', '13805310021'),
  staff('usr-insp-li', 'insp.li', '李娜', 'inspector', '13805310022'),
  staff('usr-insp-sun', 'insp.sun', '孙明', 'inspector', '13805310023'),
  staff('usr-insp-zhao', 'insp.zhao', '赵丽', 'inspector', '13805310024'),
  staff('usr-insp-ma', 'insp.ma', '马强', 'inspector', '13805310025'),
  staff('usr-insp-gao', 'insp.gao', '高红梅', 'inspector', '13805310026'),
  ...firmAccounts,
  // 业主, each bound to their compound: they report there and see only their own matters.
  {
    ...staff('usr-resident-han', 'resident.han', '韩秀英（玫瑰家园业主）', 'resident', '13805310031'),
    compoundId: 'cmp-meiguijiayuan',
    residence: '5号楼2单元301',
  },
  {
    ...staff('usr-resident-feng', 'resident.feng', '冯建军（东湖雅苑业主）', 'resident', '13805310032'),
    compoundId: 'cmp-donghuyayuan',
    residence: '2号楼1单元602',
  },
  // 联动单位 staff: the community committee, the enforcement squad and the police station.
  {
    ...staff('usr-party-jwh', 'party.jsyjwh', '李秀梅（锦水园社区居委会）', 'party', '13805310041'),
    partyId: 'pty-jsy-jwh',
  },
  {
    ...staff('usr-party-zhzf', 'party.zhzf', '王海（锦水综合执法中队）', 'party', '13805310044'),
    partyId: 'pty-zhzf',
  },
  {
    ...staff('usr-party-pcs', 'party.pcs', '周斌（锦水派出所）', 'party', '13805310049'),
    partyId: 'pty-pcs',
  },
]);

/** The records the demo pilot and tests start from. */
export const DEMO_IDS = deepFreeze({
  community: 'com-jinshuiyuan',
  compound: 'cmp-meiguijiayuan',
  firm: 'firm-xiangshun',
  admin: 'usr-admin-jinshui',
  countyAdmin: 'usr-admin-county',
  coordinator: 'usr-coord-wang',
  inspectors: ['usr-insp-zhang', 'usr-insp-li'],
  firmUser: 'usr-firm-xiangshun',
  resident: 'usr-resident-han',
  party: 'usr-party-zhzf',
  partyUnit: 'pty-zhzf',
} as const);
