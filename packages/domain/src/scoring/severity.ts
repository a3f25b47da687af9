import type { Standard } from '../catalogue/types.js';
import type { Severity } from '../calendar/rectification-deadline.js';

/**
 * Default severity of a finding against a standard: critical standards give critical findings,
 * heavy standards (4+ points) major ones, the rest minor. Inspectors may raise or lower it.
 */
export function defaultSeverity(standard: Pick<Standard, 'critical' | 'weight'>): Severity {
  if (standard.critical) return 'critical';
  return standard.weight >= 4 ? 'major' : 'minor';
}
