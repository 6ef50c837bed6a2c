import { codeOf, messageOf } from '../../../services/errors';
import { PhotoUploadError, VoiceUploadError } from '../../../services/uploads';

export { codeOf, fieldErrorsOf, isOffline } from '../../../services/errors';

/** Someone else acted on the wish first: the screen re-reads it instead of just failing. */
export function isRace(err: unknown): boolean {
  const code = codeOf(err);
  return code === 'CONFLICT' || code === 'INVALID_TRANSITION' || code === 'ALREADY_CLAIMED';
}

/** A Chinese sentence for any failure (server codes and offline alike; an upload says which file and why). */
export function errorText(err: unknown): string {
  if (err instanceof PhotoUploadError || err instanceof VoiceUploadError) return err.message;
  return messageOf(err);
}
