import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export type { Messages };

/** zh-CN first: it is the default wherever no choice was made. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
/** Set by the language switch; read on the server so the first HTML is already in the right language. */
export const LOCALE_COOKIE = 'pilot_lang';

const resources: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

/** Dotted paths to every string in the resources, e.g. `nav.dashboard`. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Messages>;

export type MessageParams = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function parseLocale(value: string | null | undefined): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

function lookup(messages: Messages, key: MessageKey): string {
  let node: unknown = messages;
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  // Keys are checked at compile time; a miss can only come from a cast, so show the key itself.
  return typeof node === 'string' ? node : key;
}

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = lookup(resources[locale], key);
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** Labels the API sends in both languages (`{ zh, en }`): the one for `locale`. */
export function pick(label: { zh: string; en: string }, locale: Locale): string {
  return locale === 'en' ? label.en : label.zh;
}
