import { isAudioRef, isPhotoRef, storedRef } from '@shared/vocab/photoRefs';
import { apiUrl } from './api';

/**
 * Where an `<Image>` finds a stored photo: our server's `/files/…` paths (signed for this viewer, with an expiry:
 * server/fileUrls.ts) are relative to the API base, cloud fileIDs are shown as they are. Anything else (an old
 * record, a tampered reply) has no source.
 */
export function photoSrc(ref: string): string | undefined {
  if (!isPhotoRef(storedRef(ref))) return undefined;
  return ref.startsWith('/files/') ? apiUrl(ref) : ref;
}

/** Where a player finds a stored voice note, by the same rule as a photo: ours or a cloud fileID, nothing else. */
export function audioSrc(ref: string): string | undefined {
  if (!isAudioRef(storedRef(ref))) return undefined;
  return ref.startsWith('/files/') ? apiUrl(ref) : ref;
}

/** A photo or a voice note a reply gave (signed to be shown), as a form sends it back: the stored reference. */
export const isStoredPhoto = (ref: string): boolean => isPhotoRef(storedRef(ref));
export const isStoredAudio = (ref: string): boolean => isAudioRef(storedRef(ref));
