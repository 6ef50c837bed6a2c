/**
 * What a reply must not carry, read off the reply itself: a phone, room number or exact
 * position of a wish whose contact the viewer is not entitled to; a distance finer than the
 * shown step; the name (or, when anonymous, the id) of an owner the viewer may not know; an
 * id of a wish or community the viewer has no standing in; a photo or voice note of a wish (its `/files/` name, signed or
 * not) the viewer may not have, or a URL signed for someone else. Entitlement is the named rules of shared/privacy
 * (`canSeeContact`, `canSeeOwner`, the rules `WishViewFields` names for photos and voice) applied to the wish as it is now.
 */
import type { Db } from 'mongodb';
import { DISTANCE_STEP_M, ReplyPolicies, WishViewFields, actorOf, canRead, canSeeContact, canSeeOwner, entitled, type Viewer, type Wish } from '@shared';
import { domainOf } from '../../../cloudfunctions/_core/store/stored';
import type { WishDoc } from '../../../cloudfunctions/_core/store/types';
import { actingMemberships, type Person } from './oracle';

export interface World {
  wishes: Map<string, Wish>;
  names: Map<string, string>;
  townOf: Map<string, string>;
  /** Secret → the wishes it belongs to: phones, `NNNNN室` rooms, exact longitudes. */
  secrets: Map<string, Set<string>>;
  /** People's own phones. */
  personal: Set<string>;
  /** Each person's phone, by id. */
  phoneOf: Map<string, string>;
  /** Every community each wish has been in (the town's 督办 may have moved it): its events say where it was. */
  homes: Map<string, Set<string>>;
  /** A stored upload's name → the wishes posted with it, and as which field (`photos`, `voice`). */
  media: Map<string, { wishId: string; field: 'photos' | 'voice' }[]>;
}

function remember(world: World, wish: Wish, events: readonly { communityId: string }[] = []): void {
  world.wishes.set(wish.id, wish);
  world.homes.set(wish.id, new Set([wish.communityId, ...events.map((e) => e.communityId), ...(world.homes.get(wish.id) ?? [])]));
  const add = (secret: string | undefined) => {
    // A person's own phone is governed by the org rules (org.members…), a building's position is public.
    if (!secret || world.personal.has(secret)) return;
    const set = world.secrets.get(secret) ?? new Set();
    set.add(wish.id);
    world.secrets.set(secret, set);
  };
  const attached = [...(wish.photos ?? []).map((url) => ({ url, field: 'photos' as const })), ...(wish.voice ? [{ url: wish.voice.url, field: 'voice' as const }] : [])];
  for (const { url, field } of attached) {
    const name = url.slice('/files/'.length);
    const holders = (world.media.get(name) ?? []).filter((h) => h.wishId !== wish.id || h.field !== field);
    world.media.set(name, [...holders, { wishId: wish.id, field }]);
  }
  add(wish.contactPhone);
  add(wish.beneficiary?.phone);
  add(/(\d{5}室)/.exec(wish.address ?? '')?.[1]);
  const lng = String(wish.location.coordinates[0]);
  if (/\.\d{5,}$/.test(lng)) add(lng);
}

export async function loadWorld(db: Db): Promise<World> {
  const world: World = { wishes: new Map(), names: new Map(), townOf: new Map(), secrets: new Map(), personal: new Set(), phoneOf: new Map(), homes: new Map(), media: new Map() };
  for (const u of await db.collection<{ _id: string; name: string; phone?: string }>('users').find({}).toArray()) {
    world.names.set(u._id, u.name);
    if (u.phone) {
      world.personal.add(u.phone);
      world.phoneOf.set(u._id, u.phone);
    }
  }
  for (const c of await db.collection<{ _id: string; townId: string }>('communities').find({}).toArray()) world.townOf.set(c._id, c.townId);
  for (const w of await db.collection<WishDoc>('wishes').find({}).toArray()) remember(world, domainOf(w), w.events);
  return world;
}

/** The wish as it is now (after a write went through). */
export async function refreshWish(db: Db, world: World, wishId: string): Promise<void> {
  const doc = await db.collection<WishDoc>('wishes').findOne({ _id: wishId });
  if (doc) remember(world, domainOf(doc), doc.events);
}

/** The viewer as the reply was made for: the memberships they act under (`Caller.acting`), never their other community's. */
function viewerOf(person: Person | null, wish: Wish): Viewer {
  return person ? actorOf({ id: person.id, memberships: actingMemberships(person) }, wish.communityId, wish.townId) : { kind: 'public' };
}

/**
 * The communities whose records the person may see any id of: the one they act in, and those under their town
 * (`acting`); or, for the ids of communities themselves, every one they belong to (org.me lists them to switch).
 */
function standingOf(person: Person | null, world: World, acting = true): Set<string> {
  const out = new Set<string>();
  for (const m of !person ? [] : acting ? actingMemberships(person) : person.memberships) {
    if (m.communityId) out.add(m.communityId);
    else if (m.townId) for (const [c, t] of world.townOf) if (t === m.townId) out.add(c);
  }
  return out;
}

function walk(value: unknown, visit: (v: unknown, key: string | undefined) => void, key?: string): void {
  visit(value, key);
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, visit, k);
}

const SECRET = /1\d{10}|0\d{10}|\d{5}室|\d{2,3}\.\d{4,}/g;
/** An upload's name in a reply, bare or signed for a viewer (shared/vocab/photoRefs `SIGNED_FILE_QUERY`). */
const MEDIA = /\/files\/([0-9a-f]{64}\.[a-z0-9]{2,4})(?:\?u=([A-Za-z0-9_-]+)&exp=\d+&sig=[0-9a-f]{64})?/g;

/** Photos and voice notes the viewer may not have, or a link signed for someone else (a reply is signed for its caller). */
function mediaLeaks(text: string, person: Person | null, world: World): string[] {
  const out: string[] = [];
  for (const [, name, signedFor] of text.matchAll(MEDIA)) {
    if (signedFor !== undefined && signedFor !== (person?.id ?? '-')) out.push(`media ${name} signed for ${signedFor}`);
    const holders = world.media.get(name);
    if (!holders) continue;
    const allowed = holders.some(({ wishId, field }) => {
      const wish = world.wishes.get(wishId)!;
      return entitled(WishViewFields[field].rule, wish, viewerOf(person, wish));
    });
    if (!allowed) out.push(`${holders.map((h) => h.field).join('/')} ${name} of ${holders.map((h) => h.wishId).join(',')}`);
  }
  return out;
}

/**
 * Every leak in `body` for `person`; `about` names the wish a single-wish reply is about, so
 * its owner's name is looked for in the whole reply (the timeline's `people` included). `open`: the reply of a
 * public action (the 心愿墙, opened signed out from a shared link): any community may be named, and the wishes the
 * rules make public (`WishRules.public`) are listed by id; contacts and identities are checked as everywhere.
 */
export function leaksIn(body: unknown, person: Person | null, world: World, about?: string, open = false): string[] {
  const out: string[] = [];
  const text = JSON.stringify(body);
  for (const [secret] of text.matchAll(SECRET)) {
    const owners = world.secrets.get(secret);
    if (!owners) continue;
    const wishes = [...owners].map((id) => world.wishes.get(id)!);
    if (!wishes.some((w) => canSeeContact(w, viewerOf(person, w)))) out.push(`contact ${secret} of ${[...owners].join(',')}`);
  }
  out.push(...mediaLeaks(text, person, world));
  const standing = standingOf(person, world);
  const belongs = standingOf(person, world, false);
  // A wish the town moved elsewhere stays the business of those who may still open it (its owner) and of the
  // community it came from (its staff were told of it then); so does the community it is in now, to its readers.
  const known = (wish: Wish) =>
    [...(world.homes.get(wish.id) ?? [wish.communityId])].some((c) => standing.has(c)) || canRead(wish, viewerOf(person, wish)) || (open && entitled('public', wish, viewerOf(person, wish)));
  let readable: Set<string> | undefined;
  const readableCommunities = () => (readable ??= new Set([...world.wishes.values()].filter((w) => canRead(w, viewerOf(person, w))).map((w) => w.communityId)));
  walk(body, (v, key) => {
    if (key === 'distanceM' && (typeof v !== 'number' || v % DISTANCE_STEP_M !== 0)) out.push(`distanceM ${String(v)}`);
    if (typeof v === 'string') {
      const wish = world.wishes.get(v);
      if (wish && !known(wish)) out.push(`id ${v} of ${wish.communityId}`);
      if (!wish && !open && world.townOf.has(v) && !belongs.has(v) && !readableCommunities().has(v)) out.push(`id ${v} of ${v}`);
    }
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const id = (v as { id?: unknown }).id;
      const wish = typeof id === 'string' && 'title' in v ? world.wishes.get(id) : undefined;
      if (wish) {
        // A wish shown at all: one the viewer may open, or one the rules let be listed to them (approved, not sensitive).
        const viewer = viewerOf(person, wish);
        if (!canRead(wish, viewer) && !entitled('listed', wish, viewer)) out.push(`row ${wish.id} (${wish.status}, ${wish.category})`);
        out.push(...identityLeaks(JSON.stringify(v), v as Record<string, unknown>, wish, person, world));
      }
    }
  });
  const single = about === undefined ? undefined : world.wishes.get(about);
  if (single) out.push(...identityLeaks(text, undefined, single, person, world));
  return [...new Set(out)];
}

function identityLeaks(text: string, item: Record<string, unknown> | undefined, wish: Wish, person: Person | null, world: World): string[] {
  if (canSeeOwner(wish, viewerOf(person, wish))) return [];
  const out: string[] = [];
  const name = world.names.get(wish.ownerId);
  if (name && text.includes(name)) out.push(`owner name ${name} of ${wish.id}`);
  if (wish.beneficiary?.name && text.includes(wish.beneficiary.name)) out.push(`beneficiary name of ${wish.id}`);
  if (wish.anonymous) {
    if (text.includes(`"${wish.ownerId}"`)) out.push(`anonymous owner id ${wish.ownerId} of ${wish.id}`);
    for (const k of ['ownerId', 'ownerName', 'createdBy'] as const) if (item && k in item) out.push(`anonymous ${k} on ${wish.id}`);
  }
  return out;
}

/** The actions whose replies the privacy policy governs a phone of (shared/privacy `ReplyPolicies`: a field naming a phone). */
const PHONE_REPLIES: ReadonlySet<string> = new Set(
  Object.values(ReplyPolicies).flatMap((p) => (Object.keys(p.fields).some((f) => /phone/i.test(f)) ? [...p.replies] : [])),
);

/**
 * A person's phone in the reply of an action no reply policy governs the phones of: it was put there without asking
 * the policy who may have it (as org.onDuty once did). The caller's own phone (org.me, their own records) is theirs.
 */
export function phonesOutsidePolicies(body: unknown, name: string, person: Person | null, world: World): string[] {
  if (PHONE_REPLIES.has(name)) return [];
  const own = person ? world.phoneOf.get(person.id) : undefined;
  const text = JSON.stringify(body);
  return [...world.personal].filter((phone) => phone !== own && text.includes(phone)).map((phone) => `phone ${phone} outside the reply policies`);
}
