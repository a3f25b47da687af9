import { CATALOGUE_2026_1, DEFAULT_CATALOGUE } from '@pilot/domain';
import { describe, expect, it } from 'vitest';
import { featureEffects } from './feature-effects';

const of = (catalogue: typeof DEFAULT_CATALOGUE) => featureEffects({ ...catalogue, id: catalogue.version });

describe('featureEffects', () => {
  it('names the lift and fire-control-room standards of 2024.1 (read from its fallback tables)', () => {
    const effects = of(DEFAULT_CATALOGUE);
    expect(effects.version).toBe('2024.1');
    expect(effects.byFeature.lifts.standards).toEqual(['C-05', 'C-06', 'C-07', 'C-08', 'F-05']);
    expect(effects.byFeature.fire_control_room.standards).toEqual(['E-01', 'E-02', 'E-03']);
    // No 2024.1 standard is about a garage alone: it matters as a key part only.
    expect(effects.byFeature.underground_garage.standards).toEqual([]);
    expect(effects.byFeature.underground_garage.keyParts.map((part) => part.zh)).toContain('地下车库');
  });

  it('follows a version that declares its own requirements and key parts (2026.1)', () => {
    const effects = of(CATALOGUE_2026_1);
    expect(effects.byFeature.lifts.standards).toEqual(['C-05', 'C-06', 'C-07', 'C-08', 'D-06', 'F-05']);
    expect(effects.byFeature.ev_charging_area.standards).toEqual(['C-14', 'D-05']);
    expect(effects.byFeature.septic_tank.keyParts.map((part) => part.zh)).toEqual(['化粪池']);
    expect(effects.byFeature.secondary_water_supply.keyParts.map((part) => part.zh)).toEqual([
      '水泵房',
      '生活水箱',
    ]);
  });
});
