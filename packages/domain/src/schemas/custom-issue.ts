/**
 * Refinements report their own message in both languages through the issue's params; parseInput
 * prefixes it with the field's label. Keeping the text next to the rule avoids a second dictionary.
 */
export interface LocalizedIssueParams {
  zh: string;
  en: string;
}

export function localizedParams(zh: string, en: string): LocalizedIssueParams {
  return { zh, en };
}

export function isLocalizedIssueParams(value: unknown): value is LocalizedIssueParams {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return typeof record['zh'] === 'string' && typeof record['en'] === 'string';
}

/** `a.b.3.c` → ['a', 'b', 3, 'c'], for turning a Problem path into a zod issue path. */
export function pathSegments(dotted: string): Array<string | number> {
  if (dotted === '') return [];
  return dotted.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
