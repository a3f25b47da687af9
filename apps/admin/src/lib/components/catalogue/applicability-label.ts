import { COMPOUND_FEATURE_LABELS, type CompoundFeature } from '@pilot/domain';
import { pick, translate, type Locale } from '$lib/i18n';

/** “a、b和c” / “a, b and c”: how each language lists a few names in a sentence. */
function listOf(names: readonly string[], locale: Locale): string {
  const last = names.at(-1) ?? '';
  if (names.length < 2) return last;
  const rest = names.slice(0, -1);
  return locale === 'en' ? `${rest.join(', ')} and ${last}` : `${rest.join('、')}和${last}`;
}

/**
 * 适用条件 as a sentence for a standard or a key part: “仅适用于有电梯的小区”, or “所有小区” when
 * every compound has it.
 */
export function appliesToLabel(features: readonly CompoundFeature[], locale: Locale): string {
  if (features.length === 0) return translate(locale, 'catalogue.appliesToAll');
  const names = features.map((feature) => pick(COMPOUND_FEATURE_LABELS[feature], locale));
  return translate(locale, 'catalogue.appliesOnly', { features: listOf(names, locale) });
}
