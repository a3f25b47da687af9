import type { NoticeDeliveryInput, NoticeSettings } from '@pilot/domain';

/**
 * Starts the delivery workflow of one notice, once per dedupeKey: a second start (a retried batch,
 * another worker) finds the first and does nothing. Injected by the composition root, which knows
 * the workflow package.
 */
export type NoticeDeliveryStarter = (input: NoticeDeliveryInput & { dedupeKey: string }) => Promise<void>;

/** The channels a worker sends on, and how it hands a notice's deliveries to their workflow. */
export interface NoticeDependencies {
  settings: NoticeSettings;
  startDelivery: NoticeDeliveryStarter;
}
