import type { Locale } from '$lib/i18n';
import { translate } from '$lib/i18n';
import type { Unit, ValueFormat } from './types';

/** Numbers as the charts print them: 92%, 3.6, 12 天 / 12 days, and an em dash for "not measured". */
export function valueFormat(locale: Locale): ValueFormat {
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (value: number | null, unit: Unit) => {
    if (value === null || !Number.isFinite(value)) return '—';
    switch (unit) {
      case 'percent':
        return `${decimal.format(value)}%`;
      case 'score':
        return decimal.format(value);
      case 'days':
        return translate(locale, 'units.days', { value: decimal.format(value) });
      case 'count':
        return integer.format(value);
    }
  };
}
