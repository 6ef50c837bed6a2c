import type { MapTiles, NotificationTemplateKey } from '@shared';
import type { Repositories } from '../store/repositories';
import type { ContentChecker } from './contentCheck';
import type { Notifier } from './notifier';

/** Who is calling, as the gateway or WeChat tells us; never read from process-wide state. */
export type Identity =
  /** `sessionId`: the self-hosted sign-in the call came with (a change to one's own roles keeps it). */
  | { kind: 'user'; userId: string; sessionId?: string }
  | { kind: 'openid'; openid: string }
  | { kind: 'system' }
  | { kind: 'anonymous' };

export interface CoreConfig {
  mode: 'wechat' | 'selfhosted' | 'local';
  /** Subscribe-message template ids by key; a key without an id is inbox-only. */
  templateIds: Partial<Record<NotificationTemplateKey, string>>;
  /** Mini-program state for subscribe messages: developer | trial | formal. */
  miniprogramState: 'developer' | 'trial' | 'formal';
  /** The h5 map's tiles (XINYUAN_MAP_TILES); unset, h5 draws the schematic plot of the grids. */
  mapTiles?: MapTiles;
}

/**
 * How a reply hands a viewer the photos and voice notes it shows (self-hosted: signed, expiring `/files/…` URLs,
 * server/fileUrls.ts). Absent in WeChat cloud mode: cloud fileIDs are shown through WeChat's own storage rules.
 */
export interface MediaUrls {
  /** The URL `viewer` (a user id, or `-` signed out) is given for a stored reference; a reference not ours stays as it is. */
  sign(ref: string, viewer: string, now: Date): string;
}

/** Everything an action needs from the outside world; the gateway or the WeChat adapter builds it. */
export interface Runtime {
  /** Storage: actions read and write through these, never through collections. */
  repos: Repositories;
  now(): Date;
  notifier: Notifier;
  content: ContentChecker;
  config: CoreConfig;
  media?: MediaUrls;
}

export interface InvocationContext {
  identity?: Identity;
  runtime?: Runtime;
}
