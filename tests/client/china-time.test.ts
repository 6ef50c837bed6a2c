/**
 * Every time on screen is China's wall clock, whatever zone the phone or browser runs in. This file
 * runs the formatters in UTC (set before anything reads the clock), where a local-time formatter
 * would be eight hours off and often on the wrong day.
 */
process.env.TZ = 'UTC';

import { chinaDate, chinaYearStart } from '@shared/time';
import { formatDateTime, formatTime, formatWindow } from '../../client/src/components/time';
import { shortTime } from '../../client/src/packages/staff/lib/format';

test('the process really runs in UTC (else this file proves nothing)', () => {
  expect(new Date('2026-12-06T12:00:00Z').getTimezoneOffset()).toBe(0);
  expect(new Date('2026-12-06T12:00:00Z').getHours()).toBe(12);
});

// 2026-12-06 23:30 in Beijing is 15:30 UTC, still the 6th in UTC too; 01:30 on the 7th in Beijing is 17:30 UTC on the 6th.
const NOW = Date.parse('2026-12-06T23:30:00+08:00');

test('a time late in the Chinese evening reads as that evening, not eight hours earlier', () => {
  expect(formatTime('2026-12-06T21:05:00+08:00', NOW)).toBe('今天 21:05');
  expect(formatDateTime('2026-12-06T21:05:00+08:00')).toBe('12月6日 21:05');
  expect(shortTime('2026-11-25T11:00:00+08:00')).toBe('11月25日 11:00');
});

test('just after midnight in China is the next day, though UTC is still on the day before', () => {
  const now = Date.parse('2026-12-07T01:30:00+08:00');
  expect(formatTime('2026-12-07T00:10:00+08:00', now)).toBe('今天 00:10');
  expect(formatTime('2026-12-06T23:50:00+08:00', now)).toBe('昨天 23:50');
  expect(formatTime('2026-12-08T01:30:00+08:00', now)).toBe('明天 01:30');
  expect(chinaDate(new Date(now))).toBe('2026-12-07');
});

test('a 期望时间 window reads in days a person says, China time', () => {
  expect(formatWindow({ from: '2026-12-07T14:00:00+08:00', to: '2026-12-07T18:00:00+08:00' }, NOW)).toBe('明天 14:00–18:00');
  expect(formatWindow({ from: '2026-12-06T08:00:00+08:00', to: '2026-12-06T12:00:00+08:00' }, NOW)).toBe('今天 08:00–12:00');
  expect(formatWindow({ from: '2026-12-20T08:00:00+08:00', to: '2026-12-20T21:00:00+08:00' }, NOW)).toBe('12月20日 08:00–21:00');
  expect(formatWindow({ from: '2026-12-07T18:00:00+08:00', to: '2026-12-08T09:00:00+08:00' }, NOW)).toBe('明天 18:00 至 后天 09:00');
});

test('older times carry their year; 今年 starts at midnight of 1 January in China', () => {
  expect(formatTime('2025-12-01T10:00:00+08:00', NOW)).toBe('2025年12月1日');
  expect(chinaYearStart(new Date('2026-12-31T17:00:00Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
});
