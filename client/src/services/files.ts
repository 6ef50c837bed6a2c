import { apiUrl } from './api';

/** Where an `<Image>` finds a stored photo: our server's `/files/…` paths are relative to the API base. */
export function photoSrc(ref: string): string {
  return ref.startsWith('/files/') ? apiUrl(ref) : ref;
}
