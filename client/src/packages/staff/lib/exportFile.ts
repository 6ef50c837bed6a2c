import Taro from '@tarojs/taro';
import { call, apiUrl } from '../../../services/api';
import { isH5 } from '../../../services/platform';

/**
 * stats.export answers with the file inline today (CSV text with a BOM, which Excel
 * opens directly); a URL or cloud fileID is handled too, should large exports move to storage.
 */
interface ExportReply {
  filename?: string;
  mimeType?: string;
  content?: string;
  url?: string;
  fileID?: string;
  rows?: number;
  truncated?: boolean;
}

export type ExportOutcome = 'downloaded' | 'shared' | 'opened' | 'copied';

const BOM = '\ufeff';

function absolute(url: string): string {
  return /^https?:\/\//.test(url) ? url : apiUrl(url);
}

function h5Download(reply: ExportReply, filename: string): ExportOutcome {
  const a = document.createElement('a');
  let objectUrl: string | null = null;
  if (reply.url) {
    a.href = absolute(reply.url);
  } else {
    const text = reply.content ?? '';
    // Excel needs the BOM to read UTF-8 Chinese; add it only if the server did not.
    objectUrl = URL.createObjectURL(new Blob([text.startsWith(BOM) ? text : BOM + text], { type: reply.mimeType ?? 'text/csv;charset=utf-8' }));
    a.href = objectUrl;
  }
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (objectUrl) setTimeout(() => URL.revokeObjectURL(objectUrl as string), 10_000);
  return 'downloaded';
}

/**
 * A mini-program cannot save to the phone's files: the report is written to the
 * app's user folder and sent to a WeChat chat (文件传输助手 reaches the PC), where Excel opens it.
 */
async function weappDeliver(reply: ExportReply, filename: string): Promise<ExportOutcome> {
  let filePath: string | undefined;
  if (reply.content !== undefined) {
    filePath = `${Taro.env.USER_DATA_PATH}/${filename}`;
    Taro.getFileSystemManager().writeFileSync(filePath, reply.content, 'utf8');
  } else if (reply.fileID && Taro.cloud?.downloadFile) {
    filePath = (await Taro.cloud.downloadFile({ fileID: reply.fileID })).tempFilePath;
  } else if (reply.url) {
    filePath = (await Taro.downloadFile({ url: absolute(reply.url) })).tempFilePath;
  }
  if (!filePath) throw new Error('EXPORT_EMPTY');
  if (/\.xlsx?$/.test(filename)) {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
    return 'opened';
  }
  try {
    await Taro.shareFileMessage({ filePath, fileName: filename });
    return 'shared';
  } catch (err) {
    // Older WeChat without shareFileMessage: a link is the next best thing, when there is one.
    if (!reply.url) throw err;
    await Taro.setClipboardData({ data: absolute(reply.url) });
    return 'copied';
  }
}

export async function exportStats(scope: { communityId?: string; from?: string }): Promise<ExportOutcome> {
  const reply = await call<ExportReply>('stats', 'export', { ...scope, format: 'csv' });
  const filename = reply.filename ?? '心愿统计.csv';
  return isH5 ? h5Download(reply, filename) : weappDeliver(reply, filename);
}

export const ExportOutcomeText: Record<ExportOutcome, string> = {
  downloaded: '报表已开始下载',
  shared: '报表已发送到聊天，可在电脑微信中用 Excel 打开',
  opened: '报表已打开，可通过右上角菜单转发或保存',
  copied: '下载链接已复制，请在浏览器中打开',
};
