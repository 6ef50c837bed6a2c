import { TtlCache } from '../store/cache';
import type { AuthSessionDoc } from '../store/authSessions';
import type { Identity, Runtime } from '../runtime/types';
import { userCache } from './caller';

/**
 * How long a process trusts what it read of a sign-in. The gateway checks the sign-in of every call; read
 * once per this many ms per process, the check costs nothing on most calls. A sign-in ended by this process
 * is refused here at once, by other processes within this time.
 */
export const SIGN_IN_CACHE_MS = 3_000;
export const signInCache = new TtlCache<AuthSessionDoc>(SIGN_IN_CACHE_MS);

export function signInOf(repos: Runtime['repos'], sessionId: string): Promise<AuthSessionDoc | null> {
  return signInCache.get(repos, sessionId, () => repos.authSessions.find(sessionId));
}

/**
 * The person's roles changed (granted, taken away, joined by invite or by request): their user record is read
 * afresh, and each of their sign-ins ends, so a token from before the change is refused (TOKEN_REVOKED) and
 * they sign in again. Except the sign-in that made the change when it was their own (accepting an invite):
 * what that person just did does not sign them out.
 */
export async function rolesChanged(rt: Runtime, userId: string, by?: Identity): Promise<void> {
  userCache.forget(rt.repos, userId);
  const keep = by?.kind === 'user' && by.userId === userId ? by.sessionId : undefined;
  await rt.repos.authSessions.revokeAllOf(userId, 'roles_changed', rt.now(), keep);
  signInCache.forgetWhere(rt.repos, (s) => s.userId === userId);
}
