import Taro from '@tarojs/taro';
import { isH5 } from './platform';

/** A file a function answered with inline (stats.export, certificates.issue). */
export interface InlineFile { fileName: string; mimeType: string; base64: string }

export type FileOutcome = 'downloaded' | 'shared' | 'opened';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function h5Download(file: InlineFile): FileOutcome {
  const objectUrl = URL.createObjectURL(new Blob([bytesOf(file.base64)], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = objectUrl;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
  return 'downloaded';
}

/** Kinds WeChat previews in place (with a menu to forward or save); others go to a chat. */
const OPENABLE = ['xlsx', 'pdf'] as const;

/**
 * A mini-program cannot save to the phone's files: the file is written to the app's user
 * folder and opened (XLSX and PDF preview, with a menu to forward it) or sent to a WeChat chat
 * (文件传输助手 reaches the PC).
 */
async function weappDeliver(file: InlineFile): Promise<FileOutcome> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.fileName}`;
  Taro.getFileSystemManager().writeFileSync(filePath, file.base64, 'base64');
  const ext = OPENABLE.find((e) => file.fileName.endsWith(`.${e}`));
  if (ext) {
    await Taro.openDocument({ filePath, fileType: ext, showMenu: true });
    return 'opened';
  }
  await Taro.shareFileMessage({ filePath, fileName: file.fileName });
  return 'shared';
}

/** Hands an inline file to the person: a download on h5, a preview or a chat in WeChat. */
export function deliverFile(file: InlineFile): Promise<FileOutcome> {
  return isH5 ? Promise.resolve(h5Download(file)) : weappDeliver(file);
}
