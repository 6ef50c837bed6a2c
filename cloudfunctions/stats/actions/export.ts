import { CategoryLabels, ChannelLabels, WishStateLabels } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/collections';
import { namesOf } from '../../_core/people';
import { rangeMatch, requireStaffOrTown, statsScope } from '../../_core/statsScope';

const MAX_ROWS = 20_000;

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : v instanceof Date ? v.toISOString() : String(v);
  // A leading = + - @ would run as a formula in Excel.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The ledger the community reports upward, as a spreadsheet (CSV with BOM, which Excel opens directly). */
export default defineAction({
  input: ActionSchemas.stats.export,
  async run({ input, caller, rt }) {
    requireStaffOrTown(caller);
    const scope = await statsScope(rt, caller, input.communityId);
    const rows = await collections(rt.db)
      .wishes.find({ communityId: { $in: scope.communityIds }, ...rangeMatch('createdAt', input) }, { projection: { events: 0, description: 0 } })
      .sort({ _id: 1 })
      .limit(MAX_ROWS)
      .toArray();
    const names = await namesOf(rt, rows.flatMap((w) => w.claims.map((c) => c.assigneeId)));
    const header = ['编号', '标题', '类别', '状态', '来源', '提交时间', '完成时间', '确认时间', '服务人', '评分'];
    const lines = [header, ...rows.map((w) => [
      w._id, w.title, CategoryLabels[w.category], WishStateLabels[w.status], ChannelLabels[w.channel], w.createdAt, w.doneAt, w.confirmedAt,
      w.claims.map((c) => names.get(c.assigneeId) ?? '').join('、'), w.rating?.stars,
    ])].map((r) => r.map(csvCell).join(','));
    const stamp = rt.now().toISOString().slice(0, 10);
    // XLSX is asked for by default; CSV (with BOM, Excel opens it) is what we produce today, and the file name says so.
    const csv = '\uFEFF' + lines.join('\r\n');
    // A data: URL downloads in the browser as it is; the mini-program saves it via FileSystemManager.
    return { url: `data:text/csv;charset=utf-8;base64,${Buffer.from(csv, 'utf8').toString('base64')}`, fileName: `xinyuan-wishes-${stamp}.csv`, rows: rows.length, truncated: rows.length === MAX_ROWS };
  },
});
