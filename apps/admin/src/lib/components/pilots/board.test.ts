import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  filtersToSearch,
  groupByStage,
  inspectorsOf,
  parseBoardFilters,
  pilotsQuery,
  uniqueRefs,
} from './board';
import { pilot } from './fixtures.test-support';

describe('pilot board filters', () => {
  it('reads the filters from the address and drops what is malformed', () => {
    const filters = parseBoardFilters(
      new URLSearchParams(
        'community=com-donghu&firm=&inspector=usr-insp-sun&stars=4&paused=false&q=%20玫瑰%20',
      ),
    );
    expect(filters).toEqual({
      communityId: 'com-donghu',
      inspectorId: 'usr-insp-sun',
      stars: 4,
      paused: false,
      q: '玫瑰',
    });
    expect(activeFilterCount(filters)).toBe(5);
    expect(parseBoardFilters(new URLSearchParams('stars=9&paused=maybe&community=a b'))).toEqual({});
  });

  it('passes them to GET /pilots and back to the address unchanged', () => {
    const filters = parseBoardFilters(new URLSearchParams('firm=firm-jinrun&stars=3&paused=true'));
    expect(pilotsQuery(filters)).toEqual({ firmId: 'firm-jinrun', stars: 3, paused: 'true' });
    expect(filtersToSearch(filters)).toEqual({
      community: undefined,
      firm: 'firm-jinrun',
      inspector: undefined,
      stars: '3',
      paused: 'true',
      q: undefined,
    });
    expect(pilotsQuery({})).toEqual({});
  });
});

describe('groupByStage', () => {
  const pilots = [
    pilot({ id: 'b', stage: 'rollout', phase: 'demonstration' }),
    pilot({ id: 'a', stage: 'rollout', phase: 'eligible' }),
    pilot({ id: 'c', stage: 'consolidation', phase: 'consolidation_round' }),
    pilot({ id: 'd', stage: 'improvement', phase: 'improvement_round' }),
    pilot({ id: 'e', stage: 'improvement', phase: 'self_inspection' }),
    pilot({ id: 'f', stage: 'improvement', phase: 'self_inspection' }),
  ];

  it('gives the three stages in order, each with its phases in the order they run', () => {
    const columns = groupByStage(pilots);
    expect(columns.map((column) => [column.stage, column.count])).toEqual([
      ['improvement', 3],
      ['consolidation', 1],
      ['rollout', 2],
    ]);
    expect(columns[0]?.groups.map((group) => [group.phase, group.pilots.map((p) => p.id)])).toEqual([
      ['self_inspection', ['e', 'f']],
      ['improvement_round', ['d']],
    ]);
    // 达标 before 示范小区, whatever order the API listed them in.
    expect(columns[2]?.groups.map((group) => group.phase)).toEqual(['eligible', 'demonstration']);
  });

  it('keeps an empty stage as an empty column and adds withdrawn pilots only when there are some', () => {
    const columns = groupByStage([pilot({ id: 'x', stage: 'consolidation', phase: 'archiving' })]);
    expect(columns.map((column) => column.stage)).toEqual(['improvement', 'consolidation', 'rollout']);
    expect(columns[0]?.groups).toEqual([]);

    const withWithdrawn = groupByStage([pilot({ id: 'w', stage: 'withdrawn', phase: 'withdrawn' })]);
    expect(withWithdrawn.map((column) => column.stage)).toEqual([
      'improvement',
      'consolidation',
      'rollout',
      'withdrawn',
    ]);
  });

  it('sorts compounds by their Chinese names and keeps phases it does not know, last', () => {
    const columns = groupByStage([
      pilot({ id: '1', compound: { ...pilot({ id: '1' }).compound, name: '玫瑰家园' } }),
      pilot({ id: '2', compound: { ...pilot({ id: '2' }).compound, name: '和平里' } }),
      pilot({ id: '3', phase: 'future_phase' }),
    ]);
    const groups = columns[0]?.groups ?? [];
    expect(groups.map((group) => group.phase)).toEqual(['self_inspection', 'future_phase']);
    expect(groups[0]?.pilots.map((p) => p.compound.name)).toEqual(['和平里', '玫瑰家园']);
  });
});

describe('names for the filters', () => {
  it('lists each community, firm and inspector once, by name', () => {
    expect(
      uniqueRefs([
        { id: 'b', name: '东湖社区' },
        { id: 'a', name: '锦水园社区' },
        { id: 'b', name: '东湖社区' },
      ]).map((ref) => ref.id),
    ).toEqual(['b', 'a']);
    const people = inspectorsOf([
      { inspectors: [{ id: 'z', displayName: '张伟', lead: true }] },
      {
        inspectors: [
          { id: 'l', displayName: '李娜', lead: true },
          { id: 'z', displayName: '张伟', lead: false },
        ],
      },
    ]);
    expect(people).toEqual([
      { id: 'l', displayName: '李娜' },
      { id: 'z', displayName: '张伟' },
    ]);
  });
});
