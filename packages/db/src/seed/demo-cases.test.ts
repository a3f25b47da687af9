// The demo's 三微案例 column has the article's counts and is consistent with the demo's firms,
// compounds and the order things happen in (a case is reviewed before the issue it is in is out).
import { describe, expect, it } from 'vitest';
import {
  DEMO_CASE_ISSUES,
  DEMO_CASES_IN_REVIEW,
  DEMO_SELECTED_CASES,
  DEMO_SHORTLISTED_CASES,
  demoCases,
} from './demo-cases.js';
import { DEMO_COMPOUNDS, DEMO_FIRMS } from './demo-data.js';

describe('demo 三微案例', () => {
  const { issues, cases } = demoCases();

  it('has the article’s counts: 12 issues, 65 shortlisted of which 40 selected, and some in review', () => {
    expect(DEMO_CASE_ISSUES).toBe(12);
    expect(issues).toHaveLength(12);
    expect(issues.every((i) => i.status === 'published')).toBe(true);
    expect(issues.map((i) => i.number)).toEqual([...Array(12).keys()].map((n) => n + 1));
    const shortlisted = cases.filter((c) => c.status === 'shortlisted' || c.status === 'selected');
    expect(shortlisted).toHaveLength(DEMO_SHORTLISTED_CASES);
    expect(DEMO_SHORTLISTED_CASES).toBe(65);
    expect(cases.filter((c) => c.status === 'selected')).toHaveLength(DEMO_SELECTED_CASES);
    expect(DEMO_SELECTED_CASES).toBe(40);
    expect(cases.filter((c) => c.status === 'submitted')).toHaveLength(DEMO_CASES_IN_REVIEW.submitted);
    expect(cases.filter((c) => c.status === 'returned')).toHaveLength(DEMO_CASES_IN_REVIEW.returned);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c.title)).size).toBe(cases.length);
  });

  it('spreads the cases over 2026 across every firm, each for a compound it serves', () => {
    const firmOf = new Map(DEMO_COMPOUNDS.map((c) => [c.id, c.firmId]));
    for (const c of cases) expect(firmOf.get(c.compoundId ?? '')).toBe(c.firmId);
    expect(new Set(cases.map((c) => c.firmId))).toEqual(new Set(DEMO_FIRMS.map((f) => f.id)));
    const times = cases.map((c) => new Date(c.submittedAt).getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 1));
    expect(Math.max(...times)).toBeLessThan(Date.UTC(2026, 11, 1));
    // Roughly weekly: the 70 cases fall into at least 40 distinct weeks.
    expect(new Set(times.map((t) => Math.floor(t / (7 * 86_400_000)))).size).toBeGreaterThanOrEqual(40);
  });

  it('places each selected case once, in order, in an issue published after its review', () => {
    const byIssue = new Map(issues.map((i) => [i.id, i]));
    for (const c of cases.filter((x) => x.status === 'selected')) {
      const issue = byIssue.get(c.issueId ?? '');
      expect(issue).toBeDefined();
      expect(new Date(issue!.publishedAt!).getTime()).toBeGreaterThan(new Date(c.reviewedAt!).getTime());
    }
    for (const issue of issues) {
      const positions = cases.filter((c) => c.issueId === issue.id).map((c) => c.position);
      expect(positions).toEqual([...Array(positions.length).keys()].map((n) => n + 1));
    }
    expect(cases.filter((c) => c.status !== 'selected').every((c) => c.issueId === undefined)).toBe(true);
    expect(cases.filter((c) => c.status === 'returned').every((c) => (c.reviewNote ?? '').length > 0)).toBe(
      true,
    );
  });
});
