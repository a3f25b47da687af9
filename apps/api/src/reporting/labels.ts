import { RECTIFICATION_STATUS_LABELS, type LocalizedText } from '@pilot/domain';

/*
 * Display names of database states the domain package does not label (it names stages, phases and
 * inspection kinds): rectification ledger states (台账), severities and star ratings.
 */
/** The records' own words for a rectification's state, 已管控 included. */
export const RECTIFICATION_STATE_LABELS: Readonly<Record<string, LocalizedText>> =
  RECTIFICATION_STATUS_LABELS;

export const SEVERITY_LABELS: Readonly<Record<string, LocalizedText>> = {
  minor: { zh: '一般', en: 'Minor' },
  major: { zh: '较重', en: 'Major' },
  critical: { zh: '严重', en: 'Critical' },
};

export const STAR_LABELS: Readonly<Record<number, LocalizedText>> = {
  1: { zh: '一星', en: '1 star' },
  2: { zh: '二星', en: '2 stars' },
  3: { zh: '三星', en: '3 stars' },
  4: { zh: '四星', en: '4 stars' },
  5: { zh: '五星', en: '5 stars' },
};

export const UNRATED_LABEL: LocalizedText = { zh: '未评星', en: 'Not rated' };

export function labelOf(labels: Readonly<Record<string, LocalizedText>>, key: string): LocalizedText {
  return labels[key] ?? { zh: key, en: key };
}
