import { page } from '$app/state';
import { DEFAULT_LOCALE, pick, translate, type Locale, type MessageKey, type MessageParams } from './index';

/**
 * For components: the locale comes from the root layout's data, so a language switch (which
 * reloads the data) re-renders every text that was read through `t` — no store to keep in sync.
 */
export function useI18n() {
  const locale = (): Locale => page.data.locale ?? DEFAULT_LOCALE;
  return {
    get locale() {
      return locale();
    },
    t: (key: MessageKey, params?: MessageParams) => translate(locale(), key, params),
    pick: (label: { zh: string; en: string }) => pick(label, locale()),
  };
}
