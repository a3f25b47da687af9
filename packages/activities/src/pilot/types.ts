// Inputs of the pilot activities. The workflow builds them; every id in them was made by the
// workflow, so a retried activity writes the same rows again, i.e. nothing new.

export interface ActorRef {
  userId: string | null;
  role: string;
  requestId?: string | null;
}

export interface AuditNote {
  actor: ActorRef;
  action: string;
  entityType?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
}

export type EnrollmentStatusValue = 'active' | 'paused' | 'withdrawn' | 'completed';
export type TaskStatusValue = 'scheduled' | 'open' | 'submitting' | 'submitted' | 'missed' | 'cancelled';
export type RectificationStatusValue = 'open' | 'responded' | 'reopened' | 'closed' | 'cancelled';
export type SeverityValue = 'minor' | 'major' | 'critical';
export type KindValue = 'self' | 'concentrated' | 'weekly' | 'monthly' | 'quarterly' | 'consolidation';

export interface AssignmentRef {
  inspectorId: string;
  kinds: string[];
}

export interface RecordEnrollmentInput {
  enrollmentId: string;
  workflowId: string;
  compoundId: string;
  firmId: string;
  catalogueVersionId: string;
  startDate: number;
  plan: unknown;
  originEnrollmentId: string | null;
  stage: string;
  phase: string;
  assignments: AssignmentRef[];
  actor: ActorRef;
  /** Workflow time, so audit entries follow the pilot's clock (also under time skipping). */
  at?: number;
}

export interface SyncEnrollmentInput {
  enrollmentId: string;
  stage: string;
  phase: string;
  status: EnrollmentStatusValue;
  currentRound: number;
  latestScore: number | null;
  starRating: number | null;
  at?: number;
  audit?: AuditNote | undefined;
}

export interface TaskRow {
  id: string;
  key: string;
  kind: KindValue;
  round: number;
  opensAt: number;
  dueAt: number;
  remindAt: number;
  missedAt: number;
  assigneeId: string | null;
  status: TaskStatusValue;
}

export interface ScheduleRoundInput {
  enrollmentId: string;
  round: {
    id: string;
    number: number;
    kind: 'improvement' | 'consolidation';
    startsAt: number;
    endsAt: number;
    focusCategories: string[];
  };
  tasks: TaskRow[];
}

export interface TaskChange {
  taskId: string;
  status?: TaskStatusValue;
  opensAt?: number;
  remindAt?: number;
  dueAt?: number;
  missedAt?: number;
  remindedAt?: number | null;
  escalatedAt?: number | null;
}

export interface RectificationChange {
  id: string;
  status?: RectificationStatusValue;
  deadline?: number;
  escalatedAt?: number;
}

export interface NotificationInput {
  dedupeKey: string;
  userId: string | null;
  role: 'admin' | 'coordinator' | 'inspector' | 'firm' | null;
  kind: 'reminder' | 'escalation' | 'missed' | 'overdue' | 'stage_change' | 'info';
  title: string;
  body: string;
}

export interface ApplyTaskChangesInput {
  enrollmentId: string;
  changes: TaskChange[];
  notifications: NotificationInput[];
  rectifications: RectificationChange[];
  round?: { id: string; endsAt: number } | undefined;
  at: number;
  audit?: AuditNote[];
}

export interface RecordInspectionInput {
  enrollmentId: string;
  resultId: string;
  taskId: string;
  catalogueVersionId: string;
  submittedAt: number;
  score: number | null;
  complianceRate: number | null;
  categoryScores: Array<{ category: string; score: number | null }>;
  notes: string | null;
  items: Array<{
    code: string;
    outcome: 'pass' | 'fail' | 'na';
    score?: number;
    note?: string;
    evidenceIds: string[];
  }>;
  rectifications: Array<{
    id: string;
    roundId: string | null;
    standardCode: string;
    finding: string;
    severity: SeverityValue;
    critical: boolean;
    deadline: number;
  }>;
  actor: ActorRef;
}

export interface RecordResponseInput {
  rectificationId: string;
  responseId: string;
  text: string;
  evidenceIds: string[];
  at: number;
  fromStatus: RectificationStatusValue;
  actor: ActorRef;
}

export interface RecordVerificationInput {
  rectificationId: string;
  verificationId: string;
  verdict: 'accept' | 'reject';
  reason: string | null;
  newDeadline: number | null;
  at: number;
  actor: ActorRef;
}

export interface RoundOutcomeRecord {
  id: string;
  number: number;
  stage: 'improvement' | 'consolidation';
  score: number | null;
  stars: number | null;
  complianceRate: number | null;
  categoryScores: Array<{ category: string; score: number | null }>;
  keyAreas: string[];
  passed: boolean;
  reasons: Array<{ code: string; zh: string; en: string }>;
  completed: number;
  missed: number;
  evaluatedAt: number;
  archiveId: string | null;
}

export interface ArchiveRoundInput {
  enrollmentId: string;
  roundId: string;
  archiveId: string;
  createdAt: number;
}

export interface ReassignInput {
  enrollmentId: string;
  assignments: AssignmentRef[];
  taskIds: string[];
  fromInspectorId: string;
  toInspectorId: string;
  reason: string | null;
  actor: ActorRef;
  at?: number;
}

export interface PromoteInput {
  enrollmentId: string;
  compoundId: string;
  at: number;
  reasons: Array<{ code: string; zh: string; en: string }>;
  note: string | null;
  actor: ActorRef;
}

export interface RolloutInput {
  originEnrollmentId: string;
  startDate: string;
  catalogueVersionId: string;
  targets: Array<{ compoundId: string; firmId: string }>;
  inspectorAssignments: Array<{ inspectorId: string; kinds: string[] }>;
  planOverrides: unknown;
  actor: ActorRef;
}

/**
 * Starts (or finds) the pilot workflow of one compound. Injected by the composition root, which
 * knows the workflow package; the activities package stays below it in the dependency graph.
 */
export type PilotStarter = (request: {
  compoundId: string;
  firmId: string;
  startDate: string;
  catalogueVersionId: string;
  inspectorAssignments: Array<{ inspectorId: string; kinds: string[] }>;
  planOverrides: unknown;
  originEnrollmentId: string | null;
  enrolledBy: ActorRef;
}) => Promise<{ enrollmentId: string; workflowId: string; alreadyEnrolled: boolean }>;
