import * as z from 'zod';
import type { LocalizedText } from '../catalogue/types.js';

/**
 * What a compound has that decides which standards apply to it and which key parts (重点部位) it
 * has: a compound without lifts is not inspected for lift maintenance, one without a fire-control
 * room not for its duty log.
 */
export const COMPOUND_FEATURES = [
  'lifts',
  'fire_control_room',
  'secondary_water_supply',
  'underground_garage',
  'ev_charging_area',
  'septic_tank',
] as const;
export type CompoundFeature = (typeof COMPOUND_FEATURES)[number];
export const compoundFeatureSchema = z.enum(COMPOUND_FEATURES);

export const COMPOUND_FEATURE_LABELS: Readonly<Record<CompoundFeature, LocalizedText>> = {
  lifts: { zh: '电梯', en: 'lifts' },
  fire_control_room: { zh: '消防控制室', en: 'a fire-control room' },
  secondary_water_supply: { zh: '二次供水设施', en: 'secondary water supply' },
  underground_garage: { zh: '地下车库', en: 'an underground garage' },
  ev_charging_area: { zh: '电动车集中充电区', en: 'an e-bike charging area' },
  septic_tank: { zh: '化粪池', en: 'a septic tank' },
};

/** The register's facts about a compound, as its record keeps them. */
export const compoundProfileSchema = z.object({
  liftCount: z.number().int().min(0).max(500),
  hasFireControlRoom: z.boolean(),
  hasSecondaryWaterSupply: z.boolean(),
  hasUndergroundGarage: z.boolean(),
  hasEvChargingArea: z.boolean(),
  hasSepticTank: z.boolean(),
});
export type CompoundProfile = z.infer<typeof compoundProfileSchema>;

/** The features a compound has, in canonical order. */
export function featuresOf(profile: CompoundProfile): CompoundFeature[] {
  const has: Record<CompoundFeature, boolean> = {
    lifts: profile.liftCount > 0,
    fire_control_room: profile.hasFireControlRoom,
    secondary_water_supply: profile.hasSecondaryWaterSupply,
    underground_garage: profile.hasUndergroundGarage,
    ev_charging_area: profile.hasEvChargingArea,
    septic_tank: profile.hasSepticTank,
  };
  return COMPOUND_FEATURES.filter((feature) => has[feature]);
}
