import { isAudioRef, isPhotoRef } from '@shared/vocab/photoRefs';
import { apiUrl } from './api';

/**
 * Where an `<Image>` finds a stored photo: our server's `/files/…` paths are relative to the API base,
 * cloud fileIDs are shown as they are. Anything else (an old record, a tampered reply) has no source.
 */
export function photoSrc(ref: string): string | undefined {
  if (!isPhotoRef(ref)) return undefined;
  return ref.startsWith('/files/') ? apiUrl(ref) : ref;
}

/** Where a player finds a stored voice note, by the same rule as a photo: ours or a cloud fileID, nothing else. */
export function audioSrc(ref: string): string | undefined {
  if (!isAudioRef(ref)) return undefined;
  return ref.startsWith('/files/') ? apiUrl(ref) : ref;
}
