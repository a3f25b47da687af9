// The pilot workflow's contract with its clients (API, tests): inputs, message payloads, the state
// snapshot the query returns. Plain JSON throughout: epoch milliseconds, arrays and records.
import type {
  CategoryCode,
  InspectionKind,
  InspectionScore,
  ItemOutcome,
  LocalizedText,
  Phase,
  PilotPlan,
  PlanOverrides,
  Reason,
  Severity,
  Stage,
  StageState,
} from '@pilot/domain';

export type ActorRole = 'admin' | 'coordinator' | 'inspector' | 'firm' | 'system';

/** Who asks: the API passes the authenticated user; timers act as `system`. */
export interface Actor {
  userId: string | null;
  role: ActorRole;
  /** A firm user's firm, so the workflow can check the firm answers only for its own compound. */
  firmId?: string | null;
  requestId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system' };

export type InspectorKind = Exclude<InspectionKind, 'self'>;

export interface InspectorAssignment {
  inspectorId: string;
  kinds: InspectorKind[];
}

export interface PilotInput {
  enrollmentId: string;
  compoundId: string;
  firmId: string;
  /** Local date (Asia/Shanghai) the pilot starts, YYYY-MM-DD. */
  startDate: string;
  inspectorAssignments: InspectorAssignment[];
  catalogueVersionId: string;
  planOverrides?: PlanOverrides;
  /** The pilot whose rollout (全面推广) enrolled this one. */
  originEnrollmentId?: string | null;
  enrolledBy: Actor;
}

export type TaskStatus = 'scheduled' | 'open' | 'submitting' | 'submitted' | 'missed' | 'cancelled';

export interface TaskState {
  id: string;
  key: string;
  kind: InspectionKind;
  round: number;
  opensAt: number;
  dueAt: number;
  remindAt: number;
  missedAt: number;
  /** Inspector for the working group's inspections; null for the firm's self-inspection. */
  assigneeId: string | null;
  status: TaskStatus;
  remindedAt: number | null;
  escalatedAt: number | null;
  submittedAt: number | null;
}

export type RectificationStatus = 'open' | 'responded' | 'reopened' | 'closed' | 'cancelled';

export interface RectificationState {
  id: string;
  taskId: string;
  round: number;
  standardCode: string;
  severity: Severity;
  critical: boolean;
  deadline: number;
  status: RectificationStatus;
  /** Set while an update on this item is being persisted, so a second one is refused. */
  busy: boolean;
  /** The deadline an overdue escalation was sent for (one per deadline). */
  escalatedFor: number | null;
  responses: number;
  rejections: number;
}

export interface InspectionSummary {
  taskId: string;
  kind: InspectionKind;
  round: number;
  submittedAt: number;
  score: InspectionScore;
}

export interface RoundState {
  id: string;
  number: number;
  stage: 'improvement' | 'consolidation';
  startsAt: number;
  endsAt: number;
  focusCategories: CategoryCode[];
  tasks: TaskState[];
  inspections: InspectionSummary[];
}

export interface RoundOutcome {
  id: string;
  number: number;
  stage: 'improvement' | 'consolidation';
  score: number | null;
  stars: number | null;
  complianceRate: number | null;
  categoryScores: Array<{ category: CategoryCode; score: number | null }>;
  keyAreas: CategoryCode[];
  passed: boolean;
  reasons: Reason[];
  completed: number;
  missed: number;
  evaluatedAt: number;
  archiveId: string | null;
}

/** Everything the workflow carries across continue-as-new. */
export interface PilotState {
  stage: StageState;
  plan: PilotPlan;
  startMs: number;
  round: RoundState | null;
  rounds: RoundOutcome[];
  rectifications: RectificationState[];
  closedRectifications: number;
  assignments: InspectorAssignment[];
  pausedAt: number | null;
  pausedMsTotal: number;
  promotedAt: number | null;
  experienceSummarizedAt: number | null;
  rollouts: string[];
  withdrawnAt: number | null;
  /** Update ids already applied, so a retried request repeats nothing even after continue-as-new. */
  appliedUpdates: Array<{ id: string; result: unknown }>;
}

export interface PilotWorkflowArgs {
  input: PilotInput;
  /** Present after continue-as-new. */
  carried?: PilotState;
}

export interface PilotOutcome {
  enrollmentId: string;
  stage: Stage;
  phase: Phase;
  rounds: RoundOutcome[];
}

// ─── Update payloads ─────────────────────────────────────────────────────────────────────────

export interface SubmittedItem {
  code: string;
  outcome: ItemOutcome;
  score?: number;
  note?: string;
  evidenceIds?: string[];
}

export interface SubmitInspectionRequest {
  actor: Actor;
  taskId: string;
  items: SubmittedItem[];
  notes?: string;
  evidenceIds?: string[];
}

export interface SubmitInspectionResult {
  resultId: string;
  score: number | null;
  complianceRate: number | null;
  rectifications: Array<{ id: string; standardCode: string; severity: Severity; deadline: number }>;
}

export interface RespondRectificationRequest {
  actor: Actor;
  rectificationId: string;
  text: string;
  evidenceIds: string[];
}

export interface VerifyRectificationRequest {
  actor: Actor;
  rectificationId: string;
  decision: 'accept' | 'reject';
  reason?: string;
}

export interface RectificationUpdateResult {
  rectificationId: string;
  status: RectificationStatus;
  deadline: number;
}

export interface PauseRequest {
  actor: Actor;
  reason: string;
}

export interface ResumeRequest {
  actor: Actor;
  note?: string;
}

export interface ExtendDeadlineRequest {
  actor: Actor;
  targetType: 'task' | 'rectification';
  targetId: string;
  days: number;
  reason: string;
}

export interface ReassignInspectorRequest {
  actor: Actor;
  fromInspectorId: string;
  toInspectorId: string;
  kinds?: InspectorKind[];
  reason?: string;
}

export interface WithdrawRequest {
  actor: Actor;
  reason: string;
}

export interface PromoteRequest {
  actor: Actor;
  note?: string;
}

export interface RolloutTarget {
  compoundId: string;
  firmId: string;
}

export interface StartRolloutRequest {
  actor: Actor;
  startDate: string;
  catalogueVersionId: string;
  targets: RolloutTarget[];
  inspectorAssignments: InspectorAssignment[];
  planOverrides?: PlanOverrides;
}

export interface RolloutResult {
  enrolled: Array<{ compoundId: string; enrollmentId: string; workflowId: string; alreadyEnrolled: boolean }>;
}

export interface PilotStateChange {
  stage: Stage;
  phase: Phase;
  paused: boolean;
}

// ─── Query ───────────────────────────────────────────────────────────────────────────────────

export interface PilotSnapshot {
  enrollmentId: string;
  compoundId: string;
  firmId: string;
  stage: Stage;
  phase: Phase;
  stageLabel: LocalizedText;
  phaseLabel: LocalizedText;
  paused: boolean;
  pausedAt: number | null;
  currentRound: Pick<
    RoundState,
    'id' | 'number' | 'stage' | 'startsAt' | 'endsAt' | 'focusCategories'
  > | null;
  openTasks: TaskState[];
  upcomingTasks: TaskState[];
  openRectifications: RectificationState[];
  rounds: RoundOutcome[];
  latestScore: number | null;
  latestStars: number | null;
  assignments: InspectorAssignment[];
  promotedAt: number | null;
  rollouts: string[];
  /** What the pilot waits for next, in words. */
  next: LocalizedText;
  /** Workflow time at which the snapshot was taken. */
  asOf: number;
}
