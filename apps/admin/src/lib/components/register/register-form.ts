import type { CompoundFeature } from '@pilot/domain';
import type { CompoundRecord, Firm } from '$lib/api/register-types';

/*
 * The register's forms read into the API's request bodies. The API checks every rule (names taken,
 * the credit code's check character, ranges) and says which field breaks it; here only what a form
 * field cannot carry as typed is settled: numbers typed as text, ticked boxes, fields left blank.
 * An edit sends only what changed, so the audit log shows the change and nothing else.
 */

/** The compound form's features: the flags stored on the record, in the form's order. */
export const FEATURE_FLAGS = [
  { field: 'hasFireControlRoom', feature: 'fire_control_room' },
  { field: 'hasSecondaryWaterSupply', feature: 'secondary_water_supply' },
  { field: 'hasUndergroundGarage', feature: 'underground_garage' },
  { field: 'hasEvChargingArea', feature: 'ev_charging_area' },
  { field: 'hasSepticTank', feature: 'septic_tank' },
] as const satisfies ReadonlyArray<{ field: string; feature: CompoundFeature }>;
export type FeatureFlag = (typeof FEATURE_FLAGS)[number]['field'];

const COUNTS = ['households', 'buildings', 'yearBuilt', 'liftCount'] as const;
type CountField = (typeof COUNTS)[number];

/** What the compound form holds, as typed (shown again when the API says no). */
export interface CompoundFormValues extends Record<FeatureFlag, boolean> {
  name: string;
  communityId: string;
  firmId: string;
  address: string;
  households: string;
  buildings: string;
  yearBuilt: string;
  liftCount: string;
}

export interface CompoundBody extends Record<FeatureFlag, boolean> {
  name: string;
  communityId: string;
  firmId: string;
  address: string | null;
  households: number | null;
  buildings: number | null;
  yearBuilt: number | null;
  liftCount: number;
}

const text = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();

export function readCompoundForm(form: FormData): CompoundFormValues {
  return {
    name: text(form, 'name'),
    communityId: text(form, 'communityId'),
    firmId: text(form, 'firmId'),
    address: text(form, 'address'),
    households: text(form, 'households'),
    buildings: text(form, 'buildings'),
    yearBuilt: text(form, 'yearBuilt'),
    liftCount: text(form, 'liftCount'),
    // A ticked box is sent (as "on"); an unticked one is not sent at all.
    hasFireControlRoom: form.has('hasFireControlRoom'),
    hasSecondaryWaterSupply: form.has('hasSecondaryWaterSupply'),
    hasUndergroundGarage: form.has('hasUndergroundGarage'),
    hasEvChargingArea: form.has('hasEvChargingArea'),
    hasSepticTank: form.has('hasSepticTank'),
  };
}

/** The form's values for a record being edited. */
export function compoundValuesOf(record: CompoundRecord): CompoundFormValues {
  const count = (value: number | null) => (value === null ? '' : String(value));
  return {
    name: record.name,
    communityId: record.community.id,
    firmId: record.firm.id,
    address: record.address ?? '',
    households: count(record.households),
    buildings: count(record.buildings),
    yearBuilt: count(record.yearBuilt),
    liftCount: String(record.liftCount),
    hasFireControlRoom: record.hasFireControlRoom,
    hasSecondaryWaterSupply: record.hasSecondaryWaterSupply,
    hasUndergroundGarage: record.hasUndergroundGarage,
    hasEvChargingArea: record.hasEvChargingArea,
    hasSepticTank: record.hasSepticTank,
  };
}

export interface FormMessages {
  required: string;
  wholeNumber: string;
}

export type Read<B> = { ok: true; body: B } | { ok: false; fields: Record<string, string> };

/**
 * The body of POST /compounds (and the full state for a PATCH), or the fields whose text is not a
 * number. Whole numbers only: 12.0 or “十二” would otherwise reach the API as something else.
 */
export function compoundBody(values: CompoundFormValues, messages: FormMessages): Read<CompoundBody> {
  const fields: Record<string, string> = {};
  const counts: Partial<Record<CountField, number | null>> = {};
  for (const field of COUNTS) {
    const raw = values[field];
    if (raw === '') {
      if (field === 'liftCount') fields[field] = messages.required;
      else counts[field] = null;
    } else if (/^\d{1,9}$/.test(raw)) {
      counts[field] = Number(raw);
    } else {
      fields[field] = messages.wholeNumber;
    }
  }
  if (!values.communityId) fields.communityId = messages.required;
  if (!values.firmId) fields.firmId = messages.required;
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return {
    ok: true,
    body: {
      name: values.name,
      communityId: values.communityId,
      firmId: values.firmId,
      address: values.address === '' ? null : values.address,
      households: counts.households ?? null,
      buildings: counts.buildings ?? null,
      yearBuilt: counts.yearBuilt ?? null,
      liftCount: counts.liftCount ?? 0,
      hasFireControlRoom: values.hasFireControlRoom,
      hasSecondaryWaterSupply: values.hasSecondaryWaterSupply,
      hasUndergroundGarage: values.hasUndergroundGarage,
      hasEvChargingArea: values.hasEvChargingArea,
      hasSepticTank: values.hasSepticTank,
    },
  };
}

/** Only the fields of `body` that differ from the record: the PATCH of an edit. */
export function compoundChanges(body: CompoundBody, record: CompoundRecord): Partial<CompoundBody> {
  const current: CompoundBody = {
    name: record.name,
    communityId: record.community.id,
    firmId: record.firm.id,
    address: record.address,
    households: record.households,
    buildings: record.buildings,
    yearBuilt: record.yearBuilt,
    liftCount: record.liftCount,
    hasFireControlRoom: record.hasFireControlRoom,
    hasSecondaryWaterSupply: record.hasSecondaryWaterSupply,
    hasUndergroundGarage: record.hasUndergroundGarage,
    hasEvChargingArea: record.hasEvChargingArea,
    hasSepticTank: record.hasSepticTank,
  };
  return changed(body, current);
}

function changed<T extends object>(next: T, current: T): Partial<T> {
  const patch: Partial<T> = {};
  // Object.keys types its answer as string[]; `next` is one of this file's form shapes, whose own keys are T's.
  for (const key of Object.keys(next) as Array<keyof T>) {
    if (next[key] !== current[key]) patch[key] = next[key];
  }
  return patch;
}

// ─── firms ──────────────────────────────────────────────────────────────────────────────────

export interface FirmFormValues {
  name: string;
  creditCode: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  address: string;
}

export const FIRM_FIELDS = [
  'name',
  'creditCode',
  'contactName',
  'contactPhone',
  'contactEmail',
  'address',
] as const satisfies ReadonlyArray<keyof FirmFormValues>;

export function readFirmForm(form: FormData): FirmFormValues {
  return {
    name: text(form, 'name'),
    creditCode: text(form, 'creditCode'),
    contactName: text(form, 'contactName'),
    contactPhone: text(form, 'contactPhone'),
    contactEmail: text(form, 'contactEmail'),
    address: text(form, 'address'),
  };
}

export function firmValuesOf(firm: Firm): FirmFormValues {
  return {
    name: firm.name,
    creditCode: firm.creditCode ?? '',
    contactName: firm.contactName ?? '',
    contactPhone: firm.contactPhone ?? '',
    contactEmail: firm.contactEmail ?? '',
    address: firm.address ?? '',
  };
}

/**
 * The PATCH of a firm edit: the fields that differ (blank clears an optional one; the API stores it
 * as null). The credit code compares as the API stores it, upper-cased, so retyping it in lower
 * case is no change.
 */
export function firmChanges(values: FirmFormValues, firm: Firm): Partial<FirmFormValues> {
  const current = firmValuesOf(firm);
  const patch = changed(values, current);
  if (patch.creditCode !== undefined && patch.creditCode.toUpperCase() === current.creditCode) {
    delete patch.creditCode;
  }
  return patch;
}

// ─── communities ────────────────────────────────────────────────────────────────────────────

export interface CommunityFormValues {
  communityCode: string;
  name: string;
  subdistrict: string;
}

export function readCommunityForm(form: FormData): CommunityFormValues {
  return {
    communityCode: text(form, 'communityCode'),
    name: text(form, 'name'),
    subdistrict: text(form, 'subdistrict'),
  };
}

export function communityChanges(
  values: CommunityFormValues,
  community: { code: string; name: string; subdistrict: string },
): Partial<CommunityFormValues> {
  return changed(values, {
    communityCode: community.code,
    name: community.name,
    subdistrict: community.subdistrict,
  });
}
