import { describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n';
import { daysFrom, formatDue, formatRemaining, formatScore, formatTime } from './format';
import { groupRectifications, groupTasks, rectificationTone, taskGroup } from './status';
import { fitWithin, jpegName, needsResize } from './upload';

const t = translator('zh-CN');
/** 2024-03-12 10:00 in Shanghai (02:00 UTC). */
const NOW = Date.parse('2024-03-12T10:00:00+08:00');

describe('times in Asia/Shanghai, whatever the phone’s zone', () => {
  it('says today, tomorrow and yesterday by Shanghai calendar days', () => {
    expect(formatDue('2024-03-12T18:00:00+08:00', 'zh-CN', NOW, t)).toBe('今天 18:00');
    // 23:30 UTC on the 12th is already the 13th in Shanghai.
    expect(formatDue('2024-03-12T23:30:00Z', 'zh-CN', NOW, t)).toBe('明天 07:30');
    expect(formatDue('2024-03-11T09:00:00+08:00', 'zh-CN', NOW, t)).toBe('昨天 09:00');
    expect(formatDue('2024-03-15T18:00:00+08:00', 'zh-CN', NOW, t)).toMatch(/^3月15日.*18:00$/);
    expect(formatTime('2024-03-12T00:05:00+08:00', 'en')).toBe('00:05');
    expect(daysFrom(NOW, '2024-03-13T00:00:00+08:00')).toBe(1);
  });

  it('counts what is left or how late', () => {
    expect(formatRemaining('2024-03-15T18:00:00+08:00', NOW, t)).toBe('还剩 3 天');
    expect(formatRemaining('2024-03-12T18:00:00+08:00', NOW, t)).toBe('今天到期');
    expect(formatRemaining('2024-03-12T08:00:00+08:00', NOW, t)).toBe('已逾期 1 天');
    expect(formatRemaining('2024-03-09T18:00:00+08:00', NOW, t)).toBe('已逾期 3 天');
  });

  it('shows scores with at most one decimal', () => {
    expect(formatScore(87.25)).toBe('87.3');
    expect(formatScore(100)).toBe('100');
    expect(formatScore(null)).toBe('—');
  });
});

const task = (id: string, status: string, overdue = false, dueAt = '2024-03-12T18:00:00Z') => ({
  id,
  status: status as 'open',
  overdue,
  dueAt,
  opensAt: '2024-03-10T00:00:00Z',
  submittedAt: status === 'submitted' ? dueAt : null,
});

describe('我的任务 groups', () => {
  it('puts overdue, today’s, upcoming, done and missed tasks apart, each in a useful order', () => {
    const groups = groupTasks([
      task('a', 'open', false, '2024-03-14T10:00:00Z'),
      task('b', 'open', true, '2024-03-11T10:00:00Z'),
      task('c', 'scheduled'),
      task('d', 'submitted', false, '2024-03-01T10:00:00Z'),
      task('e', 'submitted', false, '2024-03-08T10:00:00Z'),
      task('f', 'missed'),
      task('g', 'cancelled'),
      task('h', 'open', false, '2024-03-12T10:00:00Z'),
      task('a', 'open', false, '2024-03-14T10:00:00Z'),
    ]);
    expect(groups.overdue.map((x) => x.id)).toEqual(['b']);
    expect(groups.today.map((x) => x.id)).toEqual(['h', 'a']);
    expect(groups.upcoming.map((x) => x.id)).toEqual(['c']);
    expect(groups.done.map((x) => x.id)).toEqual(['e', 'd']);
    expect(groups.missed.map((x) => x.id)).toEqual(['f']);
    expect(taskGroup({ status: 'cancelled', overdue: false })).toBeNull();
  });
});

const item = (
  id: string,
  status: string,
  overdue: boolean,
  deadline: string,
  closedAt: string | null = null,
) => ({
  id,
  status: status as 'open',
  overdue,
  deadline,
  closedAt,
});

describe('整改 groups', () => {
  it('lists overdue items first, then by deadline; closed ones latest first', () => {
    const groups = groupRectifications([
      item('late', 'open', true, '2024-03-10T00:00:00Z'),
      item('soon', 'open', false, '2024-03-13T00:00:00Z'),
      item('sent-back', 'reopened', false, '2024-03-12T00:00:00Z'),
      item('answered', 'responded', false, '2024-03-20T00:00:00Z'),
      item('old', 'closed', false, '2024-02-01T00:00:00Z', '2024-02-02T00:00:00Z'),
      item('new', 'closed', false, '2024-03-01T00:00:00Z', '2024-03-02T00:00:00Z'),
    ]);
    expect(groups.awaitingAnswer.map((x) => x.id)).toEqual(['late', 'sent-back', 'soon']);
    expect(groups.awaitingVerification.map((x) => x.id)).toEqual(['answered']);
    expect(groups.closed.map((x) => x.id)).toEqual(['new', 'old']);
  });

  it('colours overdue items as urgent whatever their status', () => {
    expect(rectificationTone('open', true)).toBe('danger');
    expect(rectificationTone('closed', false)).toBe('ok');
    expect(rectificationTone('responded', false)).toBe('info');
  });
});

describe('photos before upload', () => {
  it('fit within 1600 px on the long side, never enlarged', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });

  it('are re-encoded when large or of a type the API does not keep; PDFs never', () => {
    expect(needsResize({ type: 'image/heic', size: 900_000 })).toBe(true);
    expect(needsResize({ type: 'image/jpeg', size: 4_000_000 })).toBe(true);
    expect(needsResize({ type: 'image/png', size: 200 })).toBe(false);
    expect(needsResize({ type: 'application/pdf', size: 9_000_000 })).toBe(false);
    expect(jpegName('IMG_0012.HEIC')).toBe('IMG_0012.jpg');
    expect(jpegName('.heic')).toBe('photo.jpg');
  });
});
