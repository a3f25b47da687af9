import { describe, expect, it } from 'vitest';
import { DEMO_FIRMS } from './demo-data.js';
import {
  DEMO_HISTORY_REQUESTS,
  DEMO_MEETINGS,
  DEMO_PATROL_VISITS,
  demoGovernance,
} from './demo-governance.js';

const asOf = new Date('2026-12-02T02:00:00Z');
const data = demoGovernance(asOf, new Map(DEMO_FIRMS.map((f) => [f.id, f.name])));

describe('the demo governance history', () => {
  it('has the article’s figures: 55 closed requests (92% satisfied), 64 patrols, 160+ findings, 21 meetings', () => {
    const requests = data.matters.filter((m) => !['patrol', 'meeting'].includes(m.source));
    expect(requests).toHaveLength(DEMO_HISTORY_REQUESTS);
    const rated = requests.filter((m) => m.rating !== null);
    expect(rated.filter((m) => m.rating! >= 4).length / rated.length).toBeCloseTo(0.92, 2);
    const done = data.visits.filter((v) => v.status === 'done');
    expect(done).toHaveLength(DEMO_PATROL_VISITS);
    const findings = data.matters.filter((m) => m.source === 'patrol');
    expect(findings.length).toBeGreaterThanOrEqual(160);
    expect(findings.length).toBe(done.reduce((n, v) => n + v.findingCount, 0));
    expect(data.meetings).toHaveLength(DEMO_MEETINGS);
    expect(data.resolutions.length).toBe(data.matters.filter((m) => m.source === 'meeting').length);
  });

  it('is history: every matter closed before the as-of day, every timeline in order, this month planned', () => {
    for (const m of data.matters) expect(m.closedAt.getTime()).toBeLessThan(asOf.getTime());
    const byMatter = new Map<string, typeof data.events>();
    for (const e of data.events) byMatter.set(e.matterId, [...(byMatter.get(e.matterId) ?? []), e]);
    for (const events of byMatter.values()) {
      const times = events.map((e) => e.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    expect(new Set(data.matters.map((m) => m.number)).size).toBe(data.matters.length);
    const planned = data.visits.filter((v) => v.status === 'planned');
    expect(planned).toHaveLength(28);
    expect(planned.every((v) => v.plannedOn.toISOString().startsWith('2026-12'))).toBe(true);
  });

  it('gives the same history for the same day', () => {
    expect(demoGovernance(asOf, new Map()).matters.map((m) => m.id)).toEqual(data.matters.map((m) => m.id));
  });
});
