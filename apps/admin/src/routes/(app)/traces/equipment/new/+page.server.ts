import { error, redirect } from '@sveltejs/kit';
import {
  intervalOf,
  isEquipmentType,
  isStaffRole,
  placeIssues,
  reader,
} from '$lib/components/traces/trace-form';
import { translate } from '$lib/i18n';
import { withQuery } from '$lib/navigation/href';
import { apiFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/field-work';
import {
  compoundTraces,
  createEquipment,
  ID,
  keyPartChoices,
  orError,
  WRITERS,
  type CreateEquipmentBody,
} from '$lib/server/traces';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = [
  'equipmentType',
  'assetCode',
  'name',
  'keyPart',
  'site',
  'responsibleName',
  'responsiblePhone',
  'contractor',
  'contractorPhone',
  'maintenanceIntervalDays',
  'inspectionIntervalDays',
  'staffRole',
];

/** 登记设备: the firm puts an item on its compound's register (its intervals default from its type). */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, WRITERS);
  const id = url.searchParams.get('compound')?.trim() ?? '';
  if (!ID.test(id)) error(404, translate(locals.locale, 'errors.notFound'));
  const traces = orError(locals, await compoundTraces(locals.api, id));
  if (!traces.writable) error(403, translate(locals.locale, 'errors.forbidden'));
  return { compound: traces.compound, keyParts: keyPartChoices() };
};

const orNull = (value: string) => (value === '' ? null : value);

export const actions: Actions = {
  create: async ({ locals, url, request }) => {
    requireRole(locals, url, WRITERS);
    const read = reader(await request.formData());
    const values = Object.fromEntries(FIELDS.map((name) => [name, read(name)]));
    const type = read('equipmentType');
    const role = read('staffRole');
    const maintenance = intervalOf(read('maintenanceIntervalDays'));
    const inspection = intervalOf(read('inspectionIntervalDays'));
    // What was typed goes to the API as typed; its schema names what is wrong, field by field.
    const body = {
      compoundId: read('compoundId'),
      equipmentType: isEquipmentType(type) ? type : (type as CreateEquipmentBody['equipmentType']),
      assetCode: read('assetCode'),
      name: read('name'),
      keyPart: orNull(read('keyPart')),
      site: read('site'),
      responsibleName: read('responsibleName'),
      responsiblePhone: orNull(read('responsiblePhone')),
      contractor: orNull(read('contractor')),
      contractorPhone: orNull(read('contractorPhone')),
      ...(maintenance !== undefined ? { maintenanceIntervalDays: maintenance as number } : {}),
      ...(inspection !== undefined ? { inspectionIntervalDays: inspection as number } : {}),
      ...(role !== ''
        ? { staffRole: isStaffRole(role) ? role : (role as CreateEquipmentBody['staffRole']) }
        : {}),
    } satisfies CreateEquipmentBody;
    const result = await createEquipment(locals.api, body);
    if (!result.ok)
      return apiFailure('equipment', result.error, { values }, placeIssues(result.error.issues, FIELDS));
    redirect(303, withQuery(`/traces/equipment/${encodeURIComponent(result.data.id)}`, { done: 'created' }));
  },
};
