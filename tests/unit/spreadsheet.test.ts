import { strFromU8, unzipSync } from 'fflate';
import { toCsv, toXlsx, type Sheet } from '../../cloudfunctions/_core/stats/spreadsheet';

// 2026-12-01 09:30 in Beijing is 01:30 UTC.
const at = new Date('2026-12-01T01:30:00Z');
const sheet: Sheet = { name: '台账', columns: [{ header: '时间', width: 17 }, { header: '标题', width: 20 }, { header: '评分', width: 6 }], rows: [[at, '@所有人', 5], [undefined, '无', undefined]] };

describe('the ledger as a file', () => {
  test('an Excel date reads as the Beijing wall clock, numbers stay numbers, and formula-like text stays text', async () => {
    const { bytes, mimeType } = await toXlsx(sheet);
    expect(mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
    const serial = Number(/<c r="A2"[^>]*><v>([\d.]+)<\/v>/.exec(xml)?.[1]);
    // Excel's serial day of 2026-12-01 09:30 (days since 1899-12-30).
    const beijing = Date.UTC(2026, 11, 1, 9, 30) / 86_400_000 + 25_569;
    expect(serial).toBeCloseTo(beijing, 6);
    expect(/<c r="C2"[^>]*><v>5<\/v>/.test(xml)).toBe(true);
    expect(strFromU8(unzipSync(bytes)['xl/sharedStrings.xml'])).toContain('@所有人');
  });

  test('CSV: BOM, CRLF, Beijing time to the minute, blanks for nothing, formula-like text quoted as text', () => {
    const text = toCsv(sheet).bytes.toString('utf8');
    expect(text).toBe("\uFEFF时间,标题,评分\r\n2026-12-01 09:30,'@所有人,5\r\n,无,");
  });
});
