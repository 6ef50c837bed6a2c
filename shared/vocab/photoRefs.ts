/** The name of a photo our server stored (`POST /api/upload`): its content's sha256 and the kind its bytes showed. */
export const UPLOADED_PHOTO_NAME = /^([0-9a-f]{64})\.(jpg|png|webp)$/;
/** The name of a voice note our server stored, the same way: what a phone's recorder (mp3, aac, m4a) or a browser's (webm, ogg, mp4 as m4a) makes. */
export const UPLOADED_AUDIO_NAME = /^([0-9a-f]{64})\.(mp3|aac|m4a|webm|ogg)$/;
/**
 * What our server adds to a `/files/…` reference in a reply (server/fileUrls.ts): the viewer it was given to, when it
 * stops working (unix seconds) and an HMAC over both with the name. A reply's URL is for showing; a form sends the
 * stored reference back (`storedRef`), never a signed one.
 */
export const SIGNED_FILE_QUERY = /\?u=([A-Za-z0-9_-]{1,64})&exp=(\d{1,12})&sig=([0-9a-f]{64})$/;

/** The stored reference a reply's signed URL was made from (`/files/<name>`); anything else as it is. */
export function storedRef(ref: string): string {
  return ref.startsWith('/files/') ? ref.replace(SIGNED_FILE_QUERY, '') : ref;
}

/** A WeChat cloud fileID of a recording: the extension is the only kind it can show. */
const CLOUD_AUDIO = /\.(mp3|aac|m4a|webm|ogg)$/;
const CLOUD_FILE_ID = /^cloud:\/\/[A-Za-z0-9][A-Za-z0-9-]{0,63}(\.[A-Za-z0-9-]{1,128})?\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

/**
 * A photo we stored, and nothing else: our server's upload (`/files/<sha256>.<ext>`) or a WeChat cloud
 * storage fileID (`cloud://<env>[.<bucket>]/<path>`). A viewer's client renders these, so no scheme it
 * would follow (`javascript:`, `data:`, an off-site tracking pixel) may get in.
 */
export function isPhotoRef(ref: string): boolean {
  if (ref.length > 300) return false;
  if (ref.startsWith('/files/')) return UPLOADED_PHOTO_NAME.test(ref.slice('/files/'.length));
  return isCloudFileId(ref);
}

function isCloudFileId(ref: string): boolean {
  return CLOUD_FILE_ID.test(ref) && !ref.slice('cloud://'.length).split('/').some((seg) => seg === '.' || seg === '..');
}

/** A voice note we stored, by the same rules as a photo (`isPhotoRef`), of an audio kind only: a photo is never played, a recording never shown. */
export function isAudioRef(ref: string): boolean {
  if (ref.length > 300) return false;
  if (ref.startsWith('/files/')) return UPLOADED_AUDIO_NAME.test(ref.slice('/files/'.length));
  return isCloudFileId(ref) && CLOUD_AUDIO.test(ref);
}
