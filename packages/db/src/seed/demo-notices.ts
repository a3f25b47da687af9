// A few notices in the demo accounts' 消息中心, so a newcomer to the start command sees the inbox at
// work at once: the demo pilots make their own reminders only when their due times come, which is
// days away. Loaded by the seed command (pilot-db seed), not by seedDemoData, so tests that count
// notices see only what they made. Each says it is demo data; none has a delivery.
import { openDatabase } from '../client.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { DatabaseTarget } from '../target.js';

const HOUR = 3_600_000;
const DEMO = '（演示数据）';

interface DemoNotice {
  id: string;
  userId?: string;
  role?: 'admin' | 'coordinator' | 'firm';
  /** enr-<compound>, the id the demo pilot of that compound gets. */
  enrollmentId: string;
  kind: Prisma.NotificationCreateManyInput['kind'];
  title: string;
  body: string;
  hoursAgo: number;
  read?: boolean;
}

const NOTICES: readonly DemoNotice[] = [
  {
    id: 'demo-notice-zhang-weekly',
    userId: 'usr-insp-zhang',
    enrollmentId: 'enr-cmp-lijingyuan',
    kind: 'reminder',
    title: '周检查即将到期',
    body: `丽景园本周的周检查明日到期，请对照《周检查表》逐项检查并上传佐证。${DEMO}`,
    hoursAgo: 3,
  },
  {
    id: 'demo-notice-zhang-hepingli',
    userId: 'usr-insp-zhang',
    enrollmentId: 'enr-cmp-hepingli',
    kind: 'info',
    title: '新纳入试点：和平里',
    body: `和平里已纳入试点，企业自查自纠完成后开展集中检查，由您负责集中检查和周检查。${DEMO}`,
    hoursAgo: 26,
    read: true,
  },
  {
    id: 'demo-notice-coord-monthly',
    role: 'coordinator',
    enrollmentId: 'enr-cmp-donghuyayuan',
    kind: 'escalation',
    title: '月检查逾期未完成',
    body: `东湖雅苑的月检查已过截止时间仍未提交，请督促检查员尽快完成。${DEMO}`,
    hoursAgo: 6,
  },
  {
    id: 'demo-notice-coord-overdue',
    role: 'coordinator',
    enrollmentId: 'enr-cmp-cuipingyuan',
    kind: 'overdue',
    title: '整改逾期：翠屏苑',
    body: `翠屏苑有整改事项超过期限仍未答复，请督促物业企业整改并上传佐证。${DEMO}`,
    hoursAgo: 50,
  },
  {
    id: 'demo-notice-firm-self',
    role: 'firm',
    enrollmentId: 'enr-cmp-hepingli',
    kind: 'reminder',
    title: '自查自纠即将到期',
    body: `请在期限前完成和平里的自查自纠并提交，之后街道工作小组开展集中检查。${DEMO}`,
    hoursAgo: 2,
  },
  {
    id: 'demo-notice-admin-promotion',
    role: 'admin',
    enrollmentId: 'enr-cmp-lijingyuan',
    kind: 'stage_change',
    title: '丽景园可评定示范小区',
    body: `丽景园两轮检查均已通过，可在试点详情中评定为示范小区。${DEMO}`,
    hoursAgo: 20,
  },
];

/** Writes the demo notices that are missing; answers how many it wrote. */
export async function seedDemoNotices(target: DatabaseTarget, asOf = new Date()): Promise<number> {
  const db = await openDatabase(target);
  try {
    const { count } = await db.prisma.notification.createMany({
      data: NOTICES.map((n) => {
        const createdAt = new Date(asOf.getTime() - n.hoursAgo * HOUR);
        return {
          id: n.id,
          dedupeKey: n.id,
          userId: n.userId ?? null,
          role: n.role ?? null,
          enrollmentId: n.enrollmentId,
          kind: n.kind,
          title: n.title,
          body: n.body,
          entityType: 'enrollment',
          entityId: n.enrollmentId,
          createdAt,
          readAt: n.read ? new Date(createdAt.getTime() + HOUR) : null,
        };
      }),
      skipDuplicates: true,
    });
    return count;
  } finally {
    await db.close();
  }
}
