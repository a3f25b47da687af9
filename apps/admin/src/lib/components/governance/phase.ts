import type { MeetingPhase } from '$lib/api/governance-types';
import type { ChipTone } from '$lib/components/field-work/status';

/** 会前征集 → 待召开 → 会后跟踪 → 已反馈: the meeting waits on the street until feedback is out. */
export const PHASE_TONES: Record<MeetingPhase, ChipTone> = {
  opinions: 'info',
  meeting: 'warn',
  follow_up: 'warn',
  closed: 'ok',
};

/** `datetime-local` (the subdistrict's clock) as the instant the API takes. */
export function instantOf(local: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+08:00` : null;
}

export function timeOf(iso: string, locale: string): string {
  return new Date(iso).toLocaleString(locale, {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}
