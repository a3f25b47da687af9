import { PILOT_ACTIONS } from '@pilot/domain';
import type { PilotDetail } from '$lib/api/pilot-types';

/*
 * What the signed-in user may do with a pilot, as the workflow judges it for them (GET /pilots/:id
 * `actions`, the same rules its Update validators apply): an allowed action is offered, any other is
 * shown disabled with the rule's reasons. Promotion to 示范小区 has its own panel listing every
 * condition, met and unmet, so the admin sees what is missing before anyone clicks.
 */

export type ActionState = PilotDetail['actions'][number];
export type PilotAction = ActionState['action'];

export function isPilotAction(value: string | null | undefined): value is PilotAction {
  return (PILOT_ACTIONS as readonly string[]).includes(value ?? '');
}

export interface ActionView {
  /** Allowed now, in the API's order. */
  offered: ActionState[];
  /** Refused now, each with its reasons (promotion aside). */
  unavailable: ActionState[];
  /** Promotion with its conditions; null once the compound is a demonstration compound. */
  promotion: ActionState | null;
}

export function actionView(detail: Pick<PilotDetail, 'actions' | 'compound'>): ActionView {
  const steering = detail.actions.filter((state) => state.action !== 'promote');
  const promotion = detail.actions.find((state) => state.action === 'promote') ?? null;
  return {
    offered: steering.filter((state) => state.allowed),
    unavailable: steering.filter((state) => !state.allowed),
    promotion: detail.compound.isDemonstration ? null : promotion,
  };
}

/**
 * The confirmation step to show: the action whose form just failed (its message must stay in view
 * even when the refusal changed what is allowed), else the one asked for in the address
 * (`?action=…`) when it is allowed.
 */
export function openAction(
  detail: Pick<PilotDetail, 'actions'>,
  failed: string | null | undefined,
  asked: string | null | undefined,
): PilotAction | null {
  if (isPilotAction(failed)) return failed;
  if (!isPilotAction(asked)) return null;
  return detail.actions.some((state) => state.action === asked && state.allowed) ? asked : null;
}
