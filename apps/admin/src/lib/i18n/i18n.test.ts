import { describe, expect, it } from 'vitest';
import { en } from './en';
import { parseLocale, translate } from './index';
import { zhCN } from './zh-CN';

/** Every dotted key of a resource, to compare the two languages at run time as well. */
function keys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    keys(value, prefix ? `${prefix}.${key}` : key),
  );
}

describe('i18n', () => {
  it('has the same keys in English as in zh-CN (the type checks this too)', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const lookup = (root: unknown, key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], root) as string;
    for (const key of keys(zhCN)) {
      expect(placeholders(lookup(en, key)), key).toEqual(placeholders(lookup(zhCN, key)));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'home.greeting', { name: '王协调员' })).toBe('您好，王协调员');
    expect(translate('en', 'home.greeting')).toBe('Hello, {name}');
  });

  it('defaults to zh-CN for anything but a known locale', () => {
    expect(parseLocale(undefined)).toBe('zh-CN');
    expect(parseLocale('fr')).toBe('zh-CN');
    expect(parseLocale('en')).toBe('en');
  });
});
