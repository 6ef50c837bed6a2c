/**
 * The dashboard's numbers read as zh-CN writes them (1,234; 4.8), without building an Intl.NumberFormat for them.
 */
import { formatNumber } from '../../client/src/packages/staff/lib/format';

const asLocale = (n: number, decimals: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

test('counts are grouped by thousands and averages keep their one decimal', () => {
  expect(formatNumber(0)).toBe('0');
  expect(formatNumber(999)).toBe('999');
  expect(formatNumber(1500)).toBe('1,500');
  expect(formatNumber(1234567)).toBe('1,234,567');
  expect(formatNumber(4.8, 1)).toBe('4.8');
  expect(formatNumber(12.5, 1)).toBe('12.5');
  expect(formatNumber(3, 1)).toBe('3.0');
  expect(formatNumber(1234.56, 1)).toBe('1,234.6');
});

test('nothing to show reads —', () => {
  expect(formatNumber(undefined)).toBe('—');
  expect(formatNumber(null)).toBe('—');
  expect(formatNumber(Number.NaN)).toBe('—');
  expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('—');
});

test('the text is what zh-CN toLocaleString writes, over counts, hours and ratings of every size', () => {
  const values = [0, 1, 7, 10, 99, 100, 999, 1000, 1001, 9999, 10000, 123456, 999999, 1000000, 98765432, 1e12, -1, -1234, -0.04, -0, 0.05, 0.25, 4.75, 4.85, 12.45, 1799.95, 2.675, 9.95, 99.95, 999.5, 0.95, 1e-7];
  // A fixed sequence (an LCG), so a failure names the same value every run: sums of hours and averages of ratings.
  let seed = 16;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 400; i++) values.push(Math.round(next() * 10 ** (i % 10) * 100) / 100, Math.round(next() * 1000) / 200);
  for (const v of values) {
    for (const decimals of [0, 1]) expect([v, decimals, formatNumber(v, decimals)]).toEqual([v, decimals, asLocale(v, decimals)]);
  }
});
