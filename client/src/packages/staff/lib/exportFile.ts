import Taro from '@tarojs/taro';
import type { ActionReply } from '@shared/actions';
import { call } from '../../../services/api';
import { isH5 } from '../../../services/platform';

/** stats.export answers with the file inline (base64), XLSX unless CSV is asked for. */
type ExportReply = ActionReply<'stats', 'export'>;

export type ExportOutcome = 'downloaded' | 'shared' | 'opened';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function h5Download(reply: ExportReply): ExportOutcome {
  const objectUrl = URL.createObjectURL(new Blob([bytesOf(reply.base64)], { type: reply.mimeType }));
  const a = document.createElement('a');
  a.href = objectUrl;
  a.download = reply.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
  return 'downloaded';
}

/**
 * A mini-program cannot save to the phone's files: the report is written to the app's user
 * folder and opened (XLSX previews, with a menu to forward it) or sent to a WeChat chat
 * (文件传输助手 reaches the PC), where Excel opens it.
 */
async function weappDeliver(reply: ExportReply): Promise<ExportOutcome> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${reply.fileName}`;
  Taro.getFileSystemManager().writeFileSync(filePath, reply.base64, 'base64');
  if (reply.fileName.endsWith('.xlsx')) {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
    return 'opened';
  }
  await Taro.shareFileMessage({ filePath, fileName: reply.fileName });
  return 'shared';
}

export async function exportStats(scope: { communityId?: string; from?: string }, format: 'xlsx' | 'csv' = 'xlsx'): Promise<ExportOutcome> {
  const reply = await call('stats', 'export', { ...scope, format });
  return isH5 ? h5Download(reply) : weappDeliver(reply);
}

export const ExportOutcomeText: Record<ExportOutcome, string> = {
  downloaded: '报表已开始下载',
  shared: '报表已发送到聊天，可在电脑微信中用 Excel 打开',
  opened: '报表已打开，可通过右上角菜单转发或保存',
};
