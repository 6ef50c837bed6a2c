import { call } from '../../../services/api';
import { deliverFile, type FileOutcome } from '../../../services/inlineFile';

export type ExportOutcome = FileOutcome;

/** stats.export answers with the file inline (base64), XLSX unless CSV is asked for. */
export async function exportStats(scope: { communityId?: string; from?: string }, format: 'xlsx' | 'csv' = 'xlsx'): Promise<ExportOutcome> {
  return deliverFile(await call('stats', 'export', { ...scope, format }));
}

export const ExportOutcomeText: Record<ExportOutcome, string> = {
  downloaded: '报表已开始下载',
  shared: '报表已发送到聊天，可在电脑微信中用 Excel 打开',
  opened: '报表已打开，可通过右上角菜单转发或保存',
};
