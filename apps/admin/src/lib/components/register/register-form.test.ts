import { describe, expect, it } from 'vitest';
import type { CompoundRecord, Firm } from '$lib/api/register-types';
import {
  communityChanges,
  compoundBody,
  compoundChanges,
  compoundValuesOf,
  firmChanges,
  readCompoundForm,
} from './register-form';

const messages = { required: '必填', wholeNumber: '请填写整数' };

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.set(name, value);
  return data;
}

const record: CompoundRecord = {
  id: 'cmp-1',
  name: '青龙小区',
  community: { id: 'com-1', name: '青龙社区' },
  firm: { id: 'firm-1', name: '青龙物业' },
  address: null,
  households: 300,
  buildings: null,
  yearBuilt: 2008,
  liftCount: 0,
  hasFireControlRoom: false,
  hasSecondaryWaterSupply: true,
  hasUndergroundGarage: false,
  hasEvChargingArea: true,
  hasSepticTank: true,
  features: ['secondary_water_supply', 'ev_charging_area', 'septic_tank'],
  active: true,
};

describe('the compound form', () => {
  it('reads counts as whole numbers, blanks as null and ticked boxes as true', () => {
    const values = readCompoundForm(
      form({
        name: ' 青龙小区 ',
        communityId: 'com-1',
        firmId: 'firm-1',
        households: '640',
        buildings: '',
        yearBuilt: '2012',
        liftCount: '0',
        hasFireControlRoom: 'on',
      }),
    );
    const read = compoundBody(values, messages);
    expect(read).toEqual({
      ok: true,
      body: {
        name: '青龙小区',
        communityId: 'com-1',
        firmId: 'firm-1',
        address: null,
        households: 640,
        buildings: null,
        yearBuilt: 2012,
        liftCount: 0,
        hasFireControlRoom: true,
        hasSecondaryWaterSupply: false,
        hasUndergroundGarage: false,
        hasEvChargingArea: false,
        hasSepticTank: false,
      },
    });
  });

  it('names the fields a number or a choice is missing from', () => {
    const values = readCompoundForm(
      form({ name: 'x', households: '12.5', yearBuilt: '二〇一二', liftCount: '' }),
    );
    expect(compoundBody(values, messages)).toEqual({
      ok: false,
      fields: {
        households: '请填写整数',
        yearBuilt: '请填写整数',
        liftCount: '必填',
        communityId: '必填',
        firmId: '必填',
      },
    });
  });

  it('sends only what an edit changed', () => {
    const values = { ...compoundValuesOf(record), liftCount: '4', hasFireControlRoom: true };
    const read = compoundBody(values, messages);
    if (!read.ok) throw new Error('the record’s own values read back');
    expect(compoundChanges(read.body, record)).toEqual({ liftCount: 4, hasFireControlRoom: true });
    const same = compoundBody(compoundValuesOf(record), messages);
    if (!same.ok) throw new Error('the record’s own values read back');
    expect(compoundChanges(same.body, record)).toEqual({});
  });
});

describe('firm and community edits', () => {
  const firm: Firm = {
    id: 'firm-1',
    name: '青龙物业',
    creditCode: '91370124MA3C7X2K8N',
    contactName: '赵经理',
    contactPhone: null,
    contactEmail: null,
    address: null,
    active: true,
    listStatus: 'none',
    compoundCount: 1,
    userCount: 0,
    createdAt: '2026-12-01T00:00:00.000Z',
  };

  it('treats a credit code retyped in lower case as unchanged, and a cleared contact as a change', () => {
    expect(
      firmChanges(
        {
          name: '青龙物业',
          creditCode: '91370124ma3c7x2k8n',
          contactName: '',
          contactPhone: '',
          contactEmail: '',
          address: '',
        },
        firm,
      ),
    ).toEqual({ contactName: '' });
  });

  it('maps the community form to the API’s names', () => {
    expect(
      communityChanges(
        { communityCode: '370124001099', name: '青龙社区', subdistrict: '锦水街道' },
        { code: '370124001098', name: '青龙社区', subdistrict: '锦水街道' },
      ),
    ).toEqual({ communityCode: '370124001099' });
  });
});
