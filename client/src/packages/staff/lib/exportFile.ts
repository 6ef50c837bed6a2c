import Taro from '@tarojs/taro';
import { call } from '../../../services/api';
import { apiUrl } from '../../../services/api';
import { isH5 } from '../../../services/platform';

/**
 * stats.export may answer with a download URL, a cloud fileID, or the file inline
 * (CSV text or base64); each platform gets the file to the person its own way.
 */
interface ExportReply {
  url?: string;
  fileID?: string;
  fileId?: string;
  filename?: string;
  content?: string;
  base64?: string;
  contentType?: string;
}

export type ExportOutcome = 'downloaded' | 'opened' | 'copied';

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
};

function absolute(url: string): string {
  return /^https?:\/\//.test(url) ? url : apiUrl(url);
}

function h5Download(reply: ExportReply, format: 'xlsx' | 'csv', filename: string): ExportOutcome {
  const a = document.createElement('a');
  let revoke: string | null = null;
  if (reply.url) {
    a.href = absolute(reply.url);
  } else {
    const data = reply.base64 ? Uint8Array.from(atob(reply.base64), (c) => c.charCodeAt(0)) : (reply.content ?? '');
    // A BOM so Excel opens a UTF-8 CSV with its Chinese intact.
    const parts = format === 'csv' && typeof data === 'string' ? ['\ufeff', data] : [data];
    revoke = URL.createObjectURL(new Blob(parts, { type: reply.contentType ?? MIME[format] }));
    a.href = revoke;
  }
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (revoke) setTimeout(() => URL.revokeObjectURL(revoke as string), 10_000);
  return 'downloaded';
}

async function weappOpen(reply: ExportReply, format: 'xlsx' | 'csv'): Promise<ExportOutcome> {
  const fileID = reply.fileID ?? reply.fileId;
  let tempFilePath: string | undefined;
  if (fileID && Taro.cloud?.downloadFile) {
    tempFilePath = (await Taro.cloud.downloadFile({ fileID })).tempFilePath;
  } else if (reply.url) {
    tempFilePath = (await Taro.downloadFile({ url: absolute(reply.url) })).tempFilePath;
  }
  // openDocument cannot show CSV; a link to copy is the honest fallback there.
  if (tempFilePath && format === 'xlsx') {
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
    return 'opened';
  }
  if (reply.url) {
    await Taro.setClipboardData({ data: absolute(reply.url) });
    return 'copied';
  }
  throw new Error('EXPORT_UNAVAILABLE');
}

export async function exportStats(
  scope: { communityId?: string; from?: string; to?: string },
  format: 'xlsx' | 'csv' = 'xlsx',
): Promise<ExportOutcome> {
  const reply = await call<ExportReply>('stats', 'export', { ...scope, format });
  const filename = reply.filename ?? `心愿统计.${format}`;
  return isH5 ? h5Download(reply, format, filename) : weappOpen(reply, format);
}

export const ExportOutcomeText: Record<ExportOutcome, string> = {
  downloaded: '报表已开始下载',
  opened: '报表已打开，可通过右上角菜单转发或保存',
  copied: '下载链接已复制，请在浏览器中打开',
};
