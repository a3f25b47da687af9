import type { ResponseOf } from '@pilot/api-client';

/*
 * The shapes of the field-work screens (tasks, inspection, rectifications, compounds), each as the
 * API's OpenAPI document describes it through the generated client.
 */

export type TaskPage = ResponseOf<'get', '/tasks'>;
export type TaskSummary = TaskPage['items'][number];
export type TaskDetail = ResponseOf<'get', '/tasks/{id}'>;
export type Checklist = TaskDetail['checklist'];
export type ChecklistCategory = Checklist['categories'][number];
export type ChecklistStandard = ChecklistCategory['standards'][number];
export type SubmitResult = ResponseOf<'post', '/tasks/{id}/submit'>;

export type RectificationPage = ResponseOf<'get', '/rectifications'>;
export type Rectification = ResponseOf<'get', '/rectifications/{id}'>;
export type RectificationStatus = Rectification['status'];
export type Severity = Rectification['severity'];

export type CompoundPage = ResponseOf<'get', '/compounds'>;
export type Compound = CompoundPage['items'][number];

export type EvidenceUpload = ResponseOf<'post', '/evidence'>;
export type EvidenceFile = EvidenceUpload['items'][number];

/** A file attached to an answer, as the page keeps it (the id is what the API needs). */
export interface Attachment {
  id: string;
  name: string;
  contentType: string;
}
