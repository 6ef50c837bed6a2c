import { useEffect, useState } from 'react';
import type { Role } from '@shared/vocab';
import { getSession, membership, subscribeSession } from '../../../services/session';
import type { Session } from '../../../services/session';

/** The session, kept current when the person switches role elsewhere in the app. */
export function useSession(): Session | null {
  const [session, setSession] = useState<Session | null>(() => getSession());
  useEffect(() => subscribeSession(setSession), []);
  return session;
}

export function useActiveRole(): Role | null {
  return useSession()?.activeRole ?? null;
}

export { membership };
