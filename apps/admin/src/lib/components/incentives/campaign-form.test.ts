import { describe, expect, it } from 'vitest';
import {
  assignmentsFor,
  campaignBody,
  heatLevel,
  leadAndSecond,
  names,
  readCampaignForm,
} from './campaign-form';

describe('the campaign draft form', () => {
  it('splits the kinds between a lead and a second, and gives one person all of them', () => {
    expect(assignmentsFor('a', 'b')).toEqual([
      { inspectorId: 'a', kinds: ['concentrated', 'weekly', 'consolidation'] },
      { inspectorId: 'b', kinds: ['monthly', 'quarterly'] },
    ]);
    expect(assignmentsFor('a', 'a')).toEqual([
      { inspectorId: 'a', kinds: ['concentrated', 'weekly', 'monthly', 'quarterly', 'consolidation'] },
    ]);
    expect(assignmentsFor('', 'b')[0]?.inspectorId).toBe('b');
    expect(assignmentsFor('', '')).toEqual([]);
    expect(leadAndSecond(assignmentsFor('a', 'b'))).toEqual({ lead: 'a', second: 'b' });
  });

  it('reads names typed one a line or with 、 and commas', () => {
    expect(names('王协调员、张检查员\n李主任, 刘经理；')).toEqual([
      '王协调员',
      '张检查员',
      '李主任',
      '刘经理',
    ]);
    expect(names('  ')).toEqual([]);
  });

  it('invites the chosen compounds’ firms and leaves an empty meeting out', () => {
    const form = new FormData();
    form.set('name', '第二批推广');
    form.append('originEnrollmentIds', 'enr-1');
    form.append('invitedFirmIds', 'firm-a');
    form.append('compoundIds', 'cmp-1');
    form.append('compoundIds', 'cmp-2');
    form.set('lead-cmp-1', 'i1');
    form.set('second-cmp-1', 'i2');
    form.set('lead-cmp-2', 'i2');
    form.set('startDate', '2026-12-16');
    form.set('catalogueVersion', '2026.1');
    form.set('weeklyCapacity', '3');
    const body = campaignBody(
      readCampaignForm(form),
      new Map([
        ['cmp-1', 'firm-a'],
        ['cmp-2', 'firm-b'],
      ]),
    );
    expect(body.invitedFirmIds).toEqual(['firm-a', 'firm-b']);
    expect(body.meetingAttendees).toBeNull();
    expect(body.meetingOn).toBeNull();
    expect(body.weeklyCapacity).toBe(3);
    expect(body.compounds[1]?.inspectorAssignments).toHaveLength(1);
  });

  it('shades a week by its share of the capacity, above it the strongest', () => {
    expect([0, 1, 2, 3, 4].map((n) => heatLevel(n, 3))).toEqual([0, 1, 2, 3, 4]);
  });
});
