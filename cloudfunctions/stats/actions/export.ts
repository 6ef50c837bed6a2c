import { CategoryLabels, ChannelLabels, WishStateLabels, formatChinaDateTime } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { namesOf } from '../../_core/access/people';
import { toCsv, toXlsx, type Sheet } from '../../_core/stats/spreadsheet';
import { requireStaffOrTown, statsScope } from '../../_core/stats/scope';

const MAX_ROWS = 20_000;

const COLUMNS = [
  { header: '心愿编号', width: 15 }, { header: '标题', width: 30 }, { header: '类别', width: 10 }, { header: '状态', width: 8 },
  { header: '来源', width: 10 }, { header: '提交时间', width: 17 }, { header: '完成时间', width: 17 }, { header: '确认时间', width: 17 },
  { header: '网格', width: 14 }, { header: '服务人', width: 16 }, { header: '共建单位', width: 18 }, { header: '服务时长（小时）', width: 10 },
  { header: '评分', width: 6 }, { header: '系统编号', width: 26 },
];

/** The ledger the community reports upward: XLSX by default, CSV on request; the file travels inline. */
export default defineAction({
  input: ActionSchemas.stats.export,
  async run({ input, caller, rt }) {
    requireStaffOrTown(caller);
    const scope = await statsScope(rt, caller, input.communityId);
    const wishes = await rt.repos.wishes.ledger(scope.communityIds, input, MAX_ROWS);
    // Who served, their units and the hours come from the service records (a unit's claim is served by its member).
    const served = await rt.repos.services.ofWishes(wishes.map((w) => w._id));
    const helpersOf = (w: (typeof wishes)[number]) => [...new Set([...w.claims.map((c) => c.assigneeId), ...(served.get(w._id)?.userIds ?? [])])];
    const unitsOf = (w: (typeof wishes)[number]) => [...new Set([...w.claims.flatMap((c) => (c.unitId ? [c.unitId] : [])), ...(served.get(w._id)?.unitIds ?? [])])];
    const names = await namesOf(rt, wishes.flatMap(helpersOf));
    const units = await rt.repos.org.unitNames(wishes.flatMap(unitsOf));
    const grids = await rt.repos.org.gridNames(scope.communityIds);
    const sheet: Sheet = {
      name: '心愿台账',
      columns: COLUMNS,
      rows: wishes.map((w) => [
        // 心愿编号 first: what people say on the phone and write on paper; the system's id last, for cross-reference.
        w.number ?? '', w.title, CategoryLabels[w.category], WishStateLabels[w.status], ChannelLabels[w.channel], w.createdAt, w.doneAt, w.confirmedAt,
        w.gridId ? (grids.get(w.gridId) ?? '') : '',
        helpersOf(w).map((id) => names.get(id) ?? '').filter(Boolean).join('、'),
        unitsOf(w).map((id) => units.get(id) ?? '').filter(Boolean).join('、'),
        served.get(w._id)?.hours, w.rating?.stars, w._id,
      ]),
    };
    const file = input.format === 'csv' ? toCsv(sheet) : await toXlsx(sheet);
    // The day in Beijing, like every time inside the file (a UTC date is yesterday's before 08:00).
    const stamp = formatChinaDateTime(rt.now()).slice(0, 10);
    return {
      fileName: `心愿台账-${stamp}.${input.format}`,
      mimeType: file.mimeType,
      base64: file.bytes.toString('base64'),
      rows: wishes.length,
      truncated: wishes.length === MAX_ROWS,
    };
  },
});
