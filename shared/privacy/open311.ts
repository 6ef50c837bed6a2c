import { gcj02ToWgs84 } from '../coords';
import { CategoryInfos } from '../vocab/categories';
import { Open311StateMap, statusNotesOf, w3cOf, type Open311Status } from '../open311/mapping';
import { toMillis } from '../schemas/primitives';
import type { Wish } from '../schemas/wish';
import { WishRules } from './audience';
import { ReplyPolicies } from './policy';
import { viewOf } from './view';

const FIELDS = ReplyPolicies.open311Request.fields;

/** One service request of Open311 GeoReport v2, as anyone reads it (docs/open311.md has the field by field mapping). */
export interface Open311Request {
  /** The 心愿编号 (TY-2026-0123) people say on the phone; the id for a wish stored before numbers. */
  service_request_id: string;
  status: Open311Status;
  status_notes: string;
  service_name: string;
  service_code: Wish['category'];
  /** The wish's title, as the 心愿墙 shows it: its free text is where people write names, phones and doors. */
  description: string;
  agency_responsible: string;
  requested_datetime: string;
  updated_datetime: string;
  /** While places are held and nobody has started: when the holders' lease runs out. */
  expected_datetime?: string;
  /** The address as the public policy masks it: the compound's name, never the building or door. */
  address?: string;
  /** WGS-84 (GeoReport's datum) of the point the public policy coarsens to (~100 m), never the home. */
  lat: number;
  long: number;
}

/** What a request is built from: the wish without its timeline and free text (the list never loads them). */
export type Open311Source = Omit<Wish, 'description'>;

/** Six decimals (~0.1 m) of a coordinate converted from the coarse cell: the conversion adds digits, not knowledge. */
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * A wish as an Open311 request, or null when it is not public (pending review, rejected, cancelled, or in a
 * sensitive category: the `public` rule, the wall's). Address and position are what the wish policy gives a
 * reader who is nobody in particular (`viewOf` for the public viewer), so they are masked exactly as the
 * policy masks them elsewhere; nothing names a person, and the timeline, photos and free text are not read.
 */
export function open311RequestOf(wish: Open311Source, agency: string): Open311Request | null {
  const whole: Wish = { ...wish, description: '' };
  if (!WishRules[FIELDS.row.rule](new Set(), whole)) return null;
  const shown = viewOf(whole, { kind: 'public' });
  const [lng, lat] = gcj02ToWgs84(...shown.location.coordinates);
  const map = Open311StateMap[wish.status];
  const closedAt = map.status === 'closed' ? (wish.confirmedAt ?? wish.doneAt) : undefined;
  const request: Open311Request = {
    service_request_id: wish.number ?? wish.id,
    status: map.status,
    status_notes: statusNotesOf(wish.status),
    service_name: CategoryInfos[wish.category].label,
    service_code: wish.category,
    description: wish.title,
    agency_responsible: agency,
    requested_datetime: w3cOf(wish.createdAt),
    updated_datetime: w3cOf(closedAt ?? wish.updatedAt),
    lat: round6(lat),
    long: round6(lng),
  };
  const expected = leaseEndOf(wish);
  if (expected !== undefined) request.expected_datetime = w3cOf(new Date(expected));
  if (shown.address !== undefined) request.address = shown.address;
  return request;
}

/** The latest lease of the places held by someone who has not started (a started helper's lease no longer binds). */
function leaseEndOf(wish: Open311Source): number | undefined {
  const waiting = wish.claims.filter((c) => !c.startedAt && !c.completedAt).map((c) => toMillis(c.leaseUntil));
  return waiting.length > 0 ? Math.max(...waiting) : undefined;
}
