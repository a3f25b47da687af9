// The words of the governance closed loop (问题收集—分类定责—联动处置—反馈评价), as the article uses them.
import * as z from 'zod';
import type { LocalizedText } from '../catalogue/types.js';

/**
 * Where a matter was collected: a resident (to the subdistrict, or to their 物业管家), a patrol, a
 * meeting, or the coordinator recording one.
 */
export const MATTER_SOURCES = [
  'resident',
  'patrol',
  'meeting',
  'hotline',
  'phone',
  'reception',
  'steward',
] as const;
export type MatterSource = (typeof MATTER_SOURCES)[number];
export const matterSourceSchema = z.enum(MATTER_SOURCES);
export const MATTER_SOURCE_LABELS: Readonly<Record<MatterSource, LocalizedText>> = {
  resident: { zh: '居民报事', en: 'Resident report' },
  patrol: { zh: '常态化巡查', en: 'Patrol finding' },
  meeting: { zh: '四方联席会议', en: 'Joint meeting resolution' },
  hotline: { zh: '12345热线', en: '12345 hotline ticket' },
  phone: { zh: '来电反映', en: 'Phone call' },
  reception: { zh: '物业经理接待日', en: 'Manager reception day' },
  steward: { zh: '向管家反映', en: 'Reported to the steward' },
};
/** Sources a coordinator records on someone's behalf (the others come through their own screens). */
export const RECORDED_SOURCES = ['hotline', 'phone', 'reception'] as const satisfies readonly MatterSource[];

/**
 * What a matter is about. The patrol topics the article lists come first; a matter of any source
 * takes one of these, so the ledger and the rates group the same way whoever found the problem.
 */
export const MATTER_CATEGORIES = [
  'sanitation',
  'greening',
  'parking',
  'facilities',
  'ev_charging',
  'drainage',
  'security',
  'noise',
  'building',
  'service',
  'other',
] as const;
export type MatterCategory = (typeof MATTER_CATEGORIES)[number];
export const matterCategorySchema = z.enum(MATTER_CATEGORIES);
export const MATTER_CATEGORY_LABELS: Readonly<Record<MatterCategory, LocalizedText>> = {
  sanitation: { zh: '环境卫生', en: 'Sanitation' },
  greening: { zh: '绿地绿化', en: 'Green spaces' },
  parking: { zh: '停车秩序', en: 'Parking' },
  facilities: { zh: '公共设施维修', en: 'Shared facilities repair' },
  ev_charging: { zh: '电动车飞线充电', en: 'E-bike charging by trailing cables' },
  drainage: { zh: '排水防汛', en: 'Drainage and flooding' },
  security: { zh: '安全防范', en: 'Safety and security' },
  noise: { zh: '噪音扰民', en: 'Noise' },
  building: { zh: '房屋及设备', en: 'Buildings and equipment' },
  service: { zh: '物业服务态度', en: 'Service manner' },
  other: { zh: '其他', en: 'Other' },
};
/** The topics a patrol records findings by (常态化巡查). */
export const PATROL_TOPICS = [
  'sanitation',
  'greening',
  'parking',
  'facilities',
  'ev_charging',
  'drainage',
] as const satisfies readonly MatterCategory[];

export const MATTER_URGENCIES = ['urgent', 'ordinary'] as const;
export type MatterUrgency = (typeof MATTER_URGENCIES)[number];
export const matterUrgencySchema = z.enum(MATTER_URGENCIES);
export const MATTER_URGENCY_LABELS: Readonly<Record<MatterUrgency, LocalizedText>> = {
  urgent: { zh: '紧急', en: 'Urgent' },
  ordinary: { zh: '一般', en: 'Ordinary' },
};

/**
 * reported: collected, awaiting 分类定责 (or returned by a party); assigned: awaiting the party's
 * acceptance; in_progress: accepted, being handled (or reopened); answered: awaiting the
 * reporter's confirmation and rating; closed: 销号 (it leaves the ledger, stays in the record).
 */
export const MATTER_STATUSES = ['reported', 'assigned', 'in_progress', 'answered', 'closed'] as const;
export type MatterStatus = (typeof MATTER_STATUSES)[number];
export const matterStatusSchema = z.enum(MATTER_STATUSES);
export const MATTER_STATUS_LABELS: Readonly<Record<MatterStatus, LocalizedText>> = {
  reported: { zh: '待派单', en: 'To assign' },
  assigned: { zh: '待受理', en: 'To accept' },
  in_progress: { zh: '处置中', en: 'In progress' },
  answered: { zh: '待评价', en: 'To rate' },
  closed: { zh: '已销号', en: 'Closed' },
};
/** The statuses a matter is on the ledger in (everything until 销号). */
export const OPEN_MATTER_STATUSES = ['reported', 'assigned', 'in_progress', 'answered'] as const;

/**
 * rated: the reporter confirmed and rated; confirmed: the coordinator's 回访 (no reporter account)
 * or a patrol's re-check confirmed it; auto: no answer within the confirmation window; cancelled:
 * not a matter (a duplicate, out of scope), with a reason.
 */
export const MATTER_CLOSE_KINDS = ['rated', 'confirmed', 'auto', 'cancelled'] as const;
export type MatterCloseKind = (typeof MATTER_CLOSE_KINDS)[number];
export const MATTER_CLOSE_KIND_LABELS: Readonly<Record<MatterCloseKind, LocalizedText>> = {
  rated: { zh: '居民评价后销号', en: 'Closed after the reporter’s rating' },
  confirmed: { zh: '回访确认后销号', en: 'Closed after a follow-up' },
  auto: { zh: '逾期未评价，自动办结', en: 'Closed automatically: no rating in time' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};

/** The four kinds of the 1+4+N network. */
export const PARTY_KINDS = ['property', 'urban', 'livelihood', 'judicial'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];
export const partyKindSchema = z.enum(PARTY_KINDS);
export const PARTY_KIND_LABELS: Readonly<Record<PartyKind, LocalizedText>> = {
  property: { zh: '物业管理', en: 'Property management' },
  urban: { zh: '城市管理', en: 'Urban management' },
  livelihood: { zh: '民生保障', en: 'Livelihood' },
  judicial: { zh: '司法诉讼', en: 'Justice and litigation' },
};

/** Who answers for a matter: the compound's firm, or a partner unit. */
export const assigneeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('firm'), firmId: z.string().min(1) }),
  z.object({ kind: z.literal('party'), partyId: z.string().min(1) }),
]);
export type Assignee = z.infer<typeof assigneeSchema>;

export const MATTER_EVENT_KINDS = [
  'collected',
  'classified',
  'assigned',
  'accepted',
  'returned',
  'joined',
  'progress',
  'answered',
  'rated',
  'confirmed',
  'reopened',
  'reminded',
  'escalated',
  'auto_closed',
  'cancelled',
  'closed',
] as const;
export type MatterEventKind = (typeof MATTER_EVENT_KINDS)[number];
export const matterEventKindSchema = z.enum(MATTER_EVENT_KINDS);
export const MATTER_EVENT_LABELS: Readonly<Record<MatterEventKind, LocalizedText>> = {
  collected: { zh: '问题收集', en: 'Collected' },
  classified: { zh: '分类', en: 'Classified' },
  assigned: { zh: '派单定责', en: 'Assigned' },
  accepted: { zh: '已受理', en: 'Accepted' },
  returned: { zh: '退回重派', en: 'Returned for re-assignment' },
  joined: { zh: '联动处置', en: 'Joint handling' },
  progress: { zh: '处置进展', en: 'Progress' },
  answered: { zh: '办理答复', en: 'Answered' },
  rated: { zh: '居民评价', en: 'Rated' },
  confirmed: { zh: '回访确认', en: 'Confirmed' },
  reopened: { zh: '重新办理', en: 'Reopened' },
  reminded: { zh: '到期提醒', en: 'Reminder' },
  escalated: { zh: '超时督办', en: 'Escalated' },
  auto_closed: { zh: '自动办结', en: 'Closed automatically' },
  cancelled: { zh: '撤销', en: 'Cancelled' },
  closed: { zh: '销号', en: 'Closed' },
};
