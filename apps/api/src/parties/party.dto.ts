import { PARTY_KINDS } from '@pilot/domain';
import * as z from 'zod';
import { localizedSchema } from '../pilots/pilot.dto.js';

/* Response shapes of the partner-unit routes. */

export const partyViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.object({ code: z.enum(PARTY_KINDS), label: localizedSchema }),
  /** A community's own unit (its 居委会, its 业委会); null for a subdistrict- or county-level unit. */
  communityId: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  active: z.boolean(),
});

export const partyListSchema = z.object({ items: z.array(partyViewSchema) });

export type PartyView = z.infer<typeof partyViewSchema>;
export type PartyList = z.infer<typeof partyListSchema>;
