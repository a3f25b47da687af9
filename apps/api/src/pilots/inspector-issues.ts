// Who may be given inspection work: the same rule for a single enrollment, a bulk one and a 全面推广
// campaign's compounds, so each refuses an unknown, non-inspector or deactivated person in the same
// words at the same field.
import type { InputIssue, Locale } from '@pilot/domain';

export type Say = (zh: string, en: string) => string;

export const sayer =
  (locale: Locale): Say =>
  (zh, en) =>
    locale === 'en' ? en : zh;

export interface AssignableUser {
  id: string;
  displayName: string;
  role: string;
  active: boolean;
}

/** One issue per assignment whose person cannot inspect, at `<prefix>inspectorAssignments.<i>.inspectorId`. */
export function inspectorIssues(
  assignments: ReadonlyArray<{ inspectorId: string }>,
  users: ReadonlyMap<string, AssignableUser>,
  prefix: string,
  say: Say,
): InputIssue[] {
  const issues: InputIssue[] = [];
  assignments.forEach((assignment, index) => {
    const user = users.get(assignment.inspectorId);
    const path = `${prefix}inspectorAssignments.${index}.inspectorId`;
    if (!user) {
      issues.push({
        path,
        message: say(`找不到用户「${assignment.inspectorId}」。`, `No user "${assignment.inspectorId}".`),
      });
    } else if (user.role !== 'inspector') {
      issues.push({
        path,
        message: say(`${user.displayName}不是检查员。`, `${user.displayName} is not an inspector.`),
      });
    } else if (!user.active) {
      issues.push({
        path,
        message: say(`${user.displayName}的账号已停用。`, `${user.displayName}'s account is deactivated.`),
      });
    }
  });
  return issues;
}
