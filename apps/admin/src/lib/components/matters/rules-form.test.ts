import { MATTER_RULES_1, publishMatterRulesSchema } from '@pilot/domain';
import { describe, expect, it } from 'vitest';
import { RULE_FIELDS, placeRuleIssues, rulesBody, rulesToValues } from './rules-form';

describe('the 办理规则 form', () => {
  it('starts from the set in force and sends it back as the API reads it', () => {
    const values = rulesToValues(MATTER_RULES_1);
    expect(Object.keys(values)).toEqual(RULE_FIELDS);
    expect(values['byUrgency.urgent.accept.amount']).toBe('2');
    expect(values['byUrgency.urgent.accept.unit']).toBe('hours');
    const body = rulesBody({ ...values, 'byUrgency.ordinary.resolve.amount': '3' }, 1);
    const parsed = publishMatterRulesSchema.parse(body);
    const { version: _version, ...unchanged } = MATTER_RULES_1;
    expect(parsed).toEqual({
      ...unchanged,
      basedOn: 1,
      byUrgency: {
        ...unchanged.byUrgency,
        ordinary: { ...unchanged.byUrgency.ordinary, resolve: { unit: 'working_days', amount: 3 } },
      },
    });
  });

  it('passes what is not a number through for the API to name, and places its issues on the inputs', () => {
    const body = rulesBody({ ...rulesToValues(MATTER_RULES_1), reopenBelow: 'three' }, 1);
    expect(body.reopenBelow).toBe('three');
    expect(
      placeRuleIssues([
        { path: 'reopenBelow', message: 'a' },
        { path: 'byUrgency.urgent.accept', message: 'b' },
        { path: 'byUrgency.urgent.accept.amount', message: 'c' },
        { path: 'basedOn', message: 'd' },
      ]),
    ).toEqual({ fields: { reopenBelow: 'a', 'byUrgency.urgent.accept.amount': 'b' }, general: ['d'] });
  });
});
