/**
 * The privacy matrix (DESIGN.md §7): every reply type of shared/privacy × every way a
 * viewer can stand to the record, asserting exactly what each sees of every field the
 * policy declares. The rows and columns come from the policy (`ReplyPolicies`); the
 * expected cells come from the tables below, written from the design, not from the
 * code. A field added to the policy without a column here, or a column the policy does
 * not declare, fails the coverage tests.
 *
 * Cells: E exact, M masked, N 匿名居民 (a masked name that names nobody), - absent,
 * . not in the source either. Rows: Y shown / readable, - not.
 */
import {
  ANONYMOUS_ACTOR,
  callListOf,
  ANONYMOUS_NAME,
  familyLinkOf,
  onDutyOf,
  redemptionOf,
  verifiedCertificateOf,
  helperNameOf,
  joinRequestEntryOf,
  mapPointOf,
  memberEntryOf,
  open311RequestOf,
  coarsenCoordinate,
  gcj02ToWgs84,
  nearbyItemOf,
  ReplyPolicies,
  similarItemOf,
  storyCardOf,
  unitEntryOf,
  viewOf,
  wallItemOf,
  wishDetailOf,
  type Category,
  type GeoPoint,
  type Member,
  type UserActor,
  type Viewer,
  type Wish,
  type WishEvent,
  type WishState,
} from '@shared';
import { COMMUNITY, GRID, TOWN, UNIT, person } from './support/people';

// ---------------------------------------------------------------- the cast


const OWNER_ID = 'u-ligy';
const viewers = {
  /** The resident the wish is for (and, for org records, the person the record is about). */
  owner: person(OWNER_ID, ['resident']),
  /** Holds a volunteer's claim. */
  claimer: person('u-claimer', ['volunteer']),
  /** Was handed the unit's claim. */
  assignee: person('u-assignee', ['party_member']),
  /** Admin of the unit holding a claim (and of the member's unit). */
  unit_admin: person('u-unitadmin', ['unit_admin'], { unitId: UNIT }),
  /** Secretary of the community. */
  staff: person('u-secretary', ['secretary']),
  /** Grid worker of the wish's grid. */
  grid_staff: person('u-grid', ['grid_worker'], { gridIds: [GRID] }),
  /** The grid worker (of another grid) who typed the proxy entry in. */
  entered_by: person('u-typist', ['grid_worker'], { gridIds: ['grid-other'] }),
  /** Secretary of another community. */
  staff_other: person('u-secretary2', ['secretary'], { communityId: 'c2' }),
  /** town_admin of the town above. */
  town: { kind: 'user', userId: 'u-town', townId: TOWN, roles: ['town_admin'] } as UserActor,
  /** A neighbour: resident of the same community. */
  other_resident: person('u-neighbour', ['resident']),
  /** A volunteer of the community who has not claimed it. */
  volunteer_before_claim: person('u-volunteer', ['volunteer']),
  /** The public wall's reader. */
  public: { kind: 'public' } as Viewer,
} satisfies Record<string, Viewer>;
type ViewerKey = keyof typeof viewers;
const VIEWERS = Object.keys(viewers) as ViewerKey[];

// ---------------------------------------------------------------- the wishes

const at = new Date('2026-03-01T02:00:00Z');
const PHONE = '13812345678';
const BENEFICIARY_PHONE = '07194567890';
const ADDRESS = '桃源社区幸福小区3栋2单元501室';
const NAME = '李桂英';
/** What the resident showed and said: the same audience as the exact address. */
const PHOTO = `/files/${'c1'.repeat(32)}.jpg`;
const VOICE = { url: `/files/${'d2'.repeat(32)}.mp3`, seconds: 12 };
/** The building is the address's building: org.buildings gives its position to any member. */
const BUILDING = 'bld-ligy';

/** Open, three places, two held: a volunteer's claim and a unit's handed to a member. Rated, to exercise `rating.by`. */
function wishOf(kind: 'proxy' | 'anonymous_proxy' | 'anonymous_own', extra: Partial<Wish> = {}): Wish {
  const proxy = kind !== 'anonymous_own';
  return {
    id: 'w1',
    communityId: COMMUNITY,
    townId: TOWN,
    category: 'repair',
    title: '厨房水管漏水',
    description: '独居老人家中水管漏水',
    location: { type: 'Point', coordinates: [113.9823, 31.2561] },
    address: ADDRESS,
    buildingId: BUILDING,
    gridId: GRID,
    contactPhone: PHONE,
    helpersNeeded: 3,
    channel: proxy ? 'phone' : 'miniprogram',
    anonymous: kind !== 'proxy',
    priority: 'normal',
    status: 'open',
    ownerId: OWNER_ID,
    ownerName: NAME,
    createdBy: proxy ? viewers.entered_by.userId : OWNER_ID,
    ...(proxy ? { beneficiary: { userId: OWNER_ID, name: NAME, phone: BENEFICIARY_PHONE } } : {}),
    claims: [
      { claimerId: 'u-claimer', kind: 'user', assigneeId: 'u-claimer', slots: 1, leaseUntil: at, extensions: 0, claimedAt: at },
      { claimerId: 'u-unitadmin', kind: 'unit', unitId: UNIT, assigneeId: 'u-assignee', slots: 1, leaseUntil: at, extensions: 0, claimedAt: at },
    ],
    rating: { stars: 5, by: OWNER_ID, at },
    photos: [PHOTO],
    voice: VOICE,
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

function eventsOf(wish: Wish): WishEvent[] {
  const e = (action: WishEvent['action'], userId: string, from: WishState | null, to: WishState): WishEvent => ({
    wishId: wish.id, communityId: wish.communityId, action, actor: { kind: 'user', userId }, from, to, at,
  });
  return [
    e('create', wish.createdBy, null, 'pending_review'),
    e('update', OWNER_ID, 'pending_review', 'pending_review'),
    e('approve', 'u-secretary', 'pending_review', 'open'),
    e('claim', 'u-claimer', 'open', 'open'),
  ];
}
const NAMES = new Map([[OWNER_ID, NAME], ['u-typist', '陈志强'], ['u-secretary', '彭书记'], ['u-claimer', '张晓东'], ['u-assignee', '彭卫国']]);
/** The claimer's phone as the user store has it; the secretary's is there too but is nobody's to ring from a wish. */
const HELPER_PHONE = '13900001111';
const PHONES = new Map([['u-claimer', HELPER_PHONE], ['u-secretary', '13900002222']]);

// ---------------------------------------------------------------- reading a reply

type Cell = 'E' | 'M' | 'N' | '-' | '.';

function get(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), obj);
}

/** What a viewer got of one value, against the stored one. */
function cellOf(source: unknown, shown: unknown): Cell {
  if (source === undefined) {
    expect(shown).toBeUndefined();
    return '.';
  }
  if (shown === undefined) return '-';
  if (JSON.stringify(shown) === JSON.stringify(source)) return 'E';
  if (shown === ANONYMOUS_NAME) return 'N';
  return 'M';
}

/** Reads "E E M -" (one cell per column) into cells. */
const row = (cells: string) => cells.trim().split(/\s+/) as Cell[];

function table<C extends string>(columns: readonly C[], rows: Record<ViewerKey, string>): Record<ViewerKey, Record<C, Cell>> {
  return Object.fromEntries(
    VIEWERS.map((v) => {
      const cells = row(rows[v]);
      expect(cells).toHaveLength(columns.length);
      return [v, Object.fromEntries(columns.map((c, i) => [c, cells[i]]))];
    }),
  ) as Record<ViewerKey, Record<C, Cell>>;
}

function expectCoverage(reply: keyof typeof ReplyPolicies, columns: readonly string[]) {
  test(`${reply}: the table has a column for every field the policy declares, and no other`, () => {
    expect([...columns].sort()).toEqual(Object.keys(ReplyPolicies[reply].fields).sort());
  });
}

// ---------------------------------------------------------------- wish view and detail

const WISH_COLUMNS = [
  'contactPhone', 'address', 'location', 'buildingId', 'gridId', 'beneficiary.phone', 'beneficiary.name', 'beneficiary.userId',
  'ownerName', 'ownerId', 'createdBy', 'rating.by', 'photos', 'voice',
] as const;
const DETAIL_COLUMNS = [...WISH_COLUMNS, 'people[owner]', 'events.actor[owner]', 'phones[helper]'] as const;
type DetailColumn = (typeof DETAIL_COLUMNS)[number];

/** A proxy entry, not anonymous: beneficiary and owner named, masked alike for those who may not know them. */
//                                contact: phone addr loc bld grid b.phone | identity: b.name b.userId ownerName ownerId createdBy rating.by | photos voice | people[owner] actor[owner] | helper's phone
const PROXY = table(DETAIL_COLUMNS, {
  owner: /*                  */ 'E E E E E E   E E E E E E   E E   E E   E',
  claimer: /*                */ 'E E E E E E   E E E E E E   E E   E E   -',
  assignee: /*               */ 'E E E E E E   E E E E E E   E E   E E   -',
  unit_admin: /*             */ 'E E E E E E   E E E E E E   E E   E E   -',
  staff: /*                  */ 'E E E E E E   E E E E E E   E E   E E   E',
  grid_staff: /*             */ 'E E E E E E   E E E E E E   E E   E E   E',
  entered_by: /*             */ 'M M M - - M   E E E E E E   - -   E E   E',
  staff_other: /*            */ 'M M M - - M   M - M E E E   - -   M E   -',
  town: /*                   */ 'M M M - - M   M - M E E E   - -   M E   -',
  other_resident: /*         */ 'M M M - - M   M - M E E E   - -   M E   -',
  volunteer_before_claim: /* */ 'M M M - - M   M - M E E E   - -   M E   -',
  public: /*                 */ 'M M M - - M   M - M E E E   - -   M E   -',
});

/** The same entry, anonymous: nothing of the owner for those who may not know them. */
const ANONYMOUS_PROXY = table(DETAIL_COLUMNS, {
  owner: /*                  */ 'E E E E E E   E E E E E E   E E   E E   E',
  claimer: /*                */ 'E E E E E E   E E E E E E   E E   E E   -',
  assignee: /*               */ 'E E E E E E   E E E E E E   E E   E E   -',
  unit_admin: /*             */ 'E E E E E E   E E E E E E   E E   E E   -',
  staff: /*                  */ 'E E E E E E   E E E E E E   E E   E E   E',
  grid_staff: /*             */ 'E E E E E E   E E E E E E   E E   E E   E',
  entered_by: /*             */ 'M M M - - M   E E E E E E   - -   E E   E',
  staff_other: /*            */ 'M M M - - M   N - - - - -   - -   - -   -',
  town: /*                   */ 'M M M - - M   N - - - - -   - -   - -   -',
  other_resident: /*         */ 'M M M - - M   N - - - - -   - -   - -   -',
  volunteer_before_claim: /* */ 'M M M - - M   N - - - - -   - -   - -   -',
  public: /*                 */ 'M M M - - M   N - - - - -   - -   - -   -',
});

/** A resident's own anonymous wish (no beneficiary; nobody typed it in for them). */
const ANONYMOUS_OWN = table(DETAIL_COLUMNS, {
  owner: /*                  */ 'E E E E E .   . . E E E E   E E   E E   E',
  claimer: /*                */ 'E E E E E .   . . E E E E   E E   E E   -',
  assignee: /*               */ 'E E E E E .   . . E E E E   E E   E E   -',
  unit_admin: /*             */ 'E E E E E .   . . E E E E   E E   E E   -',
  staff: /*                  */ 'E E E E E .   . . E E E E   E E   E E   E',
  grid_staff: /*             */ 'E E E E E .   . . E E E E   E E   E E   E',
  entered_by: /*             */ 'M M M - - .   . . - - - -   - -   - -   -',
  staff_other: /*            */ 'M M M - - .   . . - - - -   - -   - -   -',
  town: /*                   */ 'M M M - - .   . . - - - -   - -   - -   -',
  other_resident: /*         */ 'M M M - - .   . . - - - -   - -   - -   -',
  volunteer_before_claim: /* */ 'M M M - - .   . . - - - -   - -   - -   -',
  public: /*                 */ 'M M M - - .   . . - - - -   - -   - -   -',
});

/** Who may open wishes.detail of the open wish at all (the rest: not found). */
const READS_DETAIL: Record<ViewerKey, boolean> = {
  owner: true, claimer: true, assignee: true, unit_admin: true, staff: true, grid_staff: true,
  entered_by: true, town: true, volunteer_before_claim: true,
  staff_other: false, other_resident: false, public: false,
};
/** A resident's own wish names no one who typed it; the typist of another wish is nobody here. */
const readsOwn = (v: ViewerKey) => READS_DETAIL[v] && v !== 'entered_by';

const WISH_CASES = [
  { name: 'a proxy entry', wish: wishOf('proxy'), expected: PROXY, reads: (v: ViewerKey) => READS_DETAIL[v] },
  { name: 'an anonymous proxy entry', wish: wishOf('anonymous_proxy'), expected: ANONYMOUS_PROXY, reads: (v: ViewerKey) => READS_DETAIL[v] },
  { name: 'an anonymous resident\'s own wish', wish: wishOf('anonymous_own'), expected: ANONYMOUS_OWN, reads: readsOwn },
];

/** The owner's steps in the timeline: exact when their id is there, absent when 匿名居民 stands in. */
function ownerActorCell(events: WishEvent[]): Cell {
  const ids = events.flatMap((e) => (e.actor.kind === 'user' ? [e.actor.userId] : []));
  if (ids.includes(OWNER_ID)) return 'E';
  expect(ids).toContain(ANONYMOUS_ACTOR);
  return '-';
}

/** Nothing the viewer may not see is anywhere else in the reply either. */
function expectNoStraySecrets(reply: unknown, cells: Partial<Record<DetailColumn, Cell>>) {
  const text = JSON.stringify(reply);
  if (cells.contactPhone !== 'E') expect(text).not.toContain(PHONE);
  if (cells.address !== 'E') expect(text).not.toContain('501');
  if (cells.location !== 'E') expect(text).not.toContain('113.9823');
  if (cells.buildingId !== 'E') expect(text).not.toContain(BUILDING);
  if (cells['beneficiary.phone'] !== 'E') expect(text).not.toContain(BENEFICIARY_PHONE);
  if (cells.ownerName !== 'E' && cells['beneficiary.name'] !== 'E' && cells['people[owner]'] !== 'E') expect(text).not.toContain(NAME);
  if (cells.ownerId !== 'E') expect(text).not.toContain(OWNER_ID);
  if (cells['phones[helper]'] !== 'E') expect(text).not.toContain(HELPER_PHONE);
  if (cells.photos !== 'E') expect(text).not.toContain(PHOTO);
  if (cells.voice !== 'E') expect(text).not.toContain(VOICE.url);
  expect(text).not.toContain('13900002222');
}

describe('wish view (every reply carrying a whole wish)', () => {
  expectCoverage('wishView', WISH_COLUMNS);
  describe.each(WISH_CASES)('$name', ({ wish, expected }) => {
    test.each(VIEWERS)('%s', (v) => {
      const view = viewOf(wish, viewers[v]);
      const seen = Object.fromEntries(WISH_COLUMNS.map((c) => [c, cellOf(get(wish, c), get(view, c))]));
      const want = Object.fromEntries(WISH_COLUMNS.map((c) => [c, expected[v][c]]));
      expect(seen).toEqual(want);
      expect(view.contactVisible).toBe(want.contactPhone === 'E');
      expectNoStraySecrets(view, want);
    });
  });
});

describe('wish detail (wishes.detail: the wish, its timeline, the names in it)', () => {
  expectCoverage('wishDetail', DETAIL_COLUMNS);
  describe.each(WISH_CASES)('$name', ({ wish, expected, reads }) => {
    test.each(VIEWERS)('%s', (v) => {
      const detail = wishDetailOf(wish, eventsOf(wish), NAMES, viewers[v], PHONES);
      if (!reads(v)) {
        expect(detail).toBeNull();
        return;
      }
      expect(detail).not.toBeNull();
      const { wish: view, events, people } = detail!;
      const seen: Record<string, Cell> = Object.fromEntries(WISH_COLUMNS.map((c) => [c, cellOf(get(wish, c), get(view, c))]));
      seen['people[owner]'] = cellOf(NAME, people[OWNER_ID]);
      seen['events.actor[owner]'] = ownerActorCell(events);
      seen['phones[helper]'] = cellOf(HELPER_PHONE, detail!.phones['u-claimer']);
      expect(seen).toEqual(expected[v]);
      expectNoStraySecrets(detail, expected[v]);
      if (seen['events.actor[owner]'] === '-') expect(people[ANONYMOUS_ACTOR]).toBe(ANONYMOUS_NAME);
    });
  });
});

describe("a helper's phone (wishes.detail `phones`) is for ringing about work going on", () => {
  const phoneFor = (status: WishState, v: ViewerKey) => wishDetailOf(wishOf('proxy', { status }), [], NAMES, viewers[v], PHONES)?.phones['u-claimer'];
  test.each(['claimed', 'in_progress', 'done'] as const)('the owner and staff may ring the helper while the wish is %s', (status) => {
    expect(phoneFor(status, 'owner')).toBe(HELPER_PHONE);
    expect(phoneFor(status, 'staff')).toBe(HELPER_PHONE);
  });
  test.each(['confirmed', 'cancelled'] as const)('once the wish is %s nobody is given it', (status) => {
    for (const v of VIEWERS) expect(phoneFor(status, v)).toBeUndefined();
  });
});

// ---------------------------------------------------------------- lists of wishes

const NEARBY_COLUMNS = ['contactPhone', 'address'] as const;
const ALL_MASKED = Object.fromEntries(VIEWERS.map((v) => [v, 'M M'])) as Record<ViewerKey, string>;

/** Where the viewer stands: 120.4 m from the home, a little more from its coarsened point. */
const FROM: GeoPoint = { type: 'Point', coordinates: [113.9823, 31.2571838] };

describe('nearby item (tasks.nearby: the pool, before anyone claims)', () => {
  expectCoverage('nearbyItem', [...NEARBY_COLUMNS, 'distanceM']);
  const expected = table(NEARBY_COLUMNS, ALL_MASKED);
  test.each(VIEWERS)('%s', (v) => {
    const wish = wishOf('proxy');
    // The hall is the same for everyone who may open it: no viewer makes the contact exact.
    const item = nearbyItemOf(wish, FROM);
    // No viewer is told the distance to the home: to the coarsened point, in 100 m steps.
    expect(item.distanceM).toBe(100);
    expect(Object.fromEntries(NEARBY_COLUMNS.map((c) => [c, cellOf(wish[c], item[c])]))).toEqual(expected[v]);
    expectNoStraySecrets(item, { ...expected[v], location: 'M', 'beneficiary.phone': 'M' });
  });
});

/** The kinds of wish a duplicate hint may point at. */
const SIMILAR_KINDS: { name: string; status: WishState; category: Category }[] = [
  { name: 'pending, plain', status: 'pending_review', category: 'repair' },
  { name: 'open, plain', status: 'open', category: 'repair' },
  { name: 'claimed, plain', status: 'claimed', category: 'repair' },
  { name: 'open, legal aid', status: 'open', category: 'legal_aid' },
  { name: 'open, mediation', status: 'open', category: 'mediation' },
  { name: 'pending, health', status: 'pending_review', category: 'health' },
  { name: 'rejected, plain', status: 'rejected', category: 'repair' },
];

//                                              pending open claimed legal mediation pend.health rejected
const SIMILAR_SHOWN = {
  owner: /*                  */ 'Y Y Y Y Y Y Y',
  claimer: /*                */ '- Y Y - - - -',
  assignee: /*               */ '- Y Y - - - -',
  unit_admin: /*             */ '- Y Y - - - -',
  staff: /*                  */ 'Y Y Y Y Y Y Y',
  grid_staff: /*             */ 'Y Y Y Y Y Y Y',
  entered_by: /*             */ 'Y Y Y Y Y Y Y',
  staff_other: /*            */ '- Y Y - - - -',
  town: /*                   */ '- Y Y - - - -',
  other_resident: /*         */ '- Y Y - - - -',
  volunteer_before_claim: /* */ '- Y Y - - - -',
  public: /*                 */ '- Y Y - - - -',
} satisfies Record<ViewerKey, string>;

describe('similar item (wishes.similar, dispatch.proxyCreate: duplicate hints before posting)', () => {
  expectCoverage('similarItem', ['row', 'distanceM']);
  describe.each(SIMILAR_KINDS.map((k, i) => ({ ...k, i })))('$name', ({ status, category, i }) => {
    test.each(VIEWERS)('%s', (v) => {
      const wish = wishOf('proxy', { status, category, anonymous: false });
      const item = similarItemOf(wish, FROM, viewers[v]);
      if (item) expect(item.distanceM).toBe(100);
      expect(item ? 'Y' : '-').toBe(row(SIMILAR_SHOWN[v])[i]);
      // Only what is needed to recognise it: no phone, address or owner.
      if (item) expect(Object.keys(item).sort()).toEqual(['createdAt', 'distanceM', 'id', 'status', 'title']);
    });
  });
});

describe('wall item (stats.wall: the public wall, for everyone alike)', () => {
  expectCoverage('wallItem', ['row', 'residentName', 'helpers']);
  const ON_WALL: Record<string, boolean> = {
    'pending, plain': false, 'open, plain': true, 'claimed, plain': true, 'open, legal aid': false,
    'open, mediation': false, 'pending, health': false, 'rejected, plain': false,
  };
  describe.each(SIMILAR_KINDS)('$name', ({ name, status, category }) => {
    test.each(VIEWERS)('%s', () => {
      for (const [anonymous, nameCell] of [[false, 'M'], [true, 'N']] as const) {
        const wish = wishOf('proxy', { status, category, anonymous });
        const helpers = [{ userId: 'u-claimer', name: '张晓东', communityId: COMMUNITY, townId: TOWN }, { userId: 'u-assignee', name: '彭卫国', showFullName: true }];
        const card = wallItemOf(wish, wish.ownerName, helpers);
        expect(card !== null).toBe(ON_WALL[name]);
        if (card) {
          expect(cellOf(NAME, card.residentName)).toBe(nameCell);
          // The wall's reader is the public: a helper is named in full only by their own choice.
          expect(card.helpers).toEqual(['张**', '彭卫国']);
          expectNoStraySecrets(card, { ownerName: 'M', ownerId: '-' });
        }
      }
    });
  });
});

describe('Open311 request (open311.requests, open311.request: the public endpoint, the same for every reader)', () => {
  expectCoverage('open311Request', ['row', 'address', 'location', 'description', 'photos', 'voice']);
  const OPEN311_SHOWN: Record<string, boolean> = {
    'pending, plain': false, 'open, plain': true, 'claimed, plain': true, 'open, legal aid': false,
    'open, mediation': false, 'pending, health': false, 'rejected, plain': false,
  };
  test.each(SIMILAR_KINDS)('$name', ({ name, status, category }) => {
    for (const anonymous of [false, true]) {
      const wish = wishOf('proxy', { status, category, anonymous });
      const request = open311RequestOf(wish, '桃源社区');
      expect(request !== null).toBe(OPEN311_SHOWN[name]);
      if (!request) continue;
      // The address as the public gets it (masked), the position of the ~100 m cell in WGS-84, the title for the free text.
      expect(cellOf(wish.address, request.address)).toBe('M');
      const [lng, lat] = gcj02ToWgs84(coarsenCoordinate(wish.location.coordinates[0]), coarsenCoordinate(wish.location.coordinates[1]));
      expect([request.long, request.lat]).toEqual([Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6]);
      expect(request.description).toBe(wish.title);
      expect(JSON.stringify(request)).not.toContain(wish.description);
      // What the resident showed and said is nobody's in open data.
      expect(JSON.stringify(request)).not.toContain(PHOTO);
      expect(JSON.stringify(request)).not.toContain(VOICE.url);
      // Nobody is named, not even masked; no id of a person; nothing to ring.
      expectNoStraySecrets(request, { ownerId: '-', createdBy: '-' });
      expect(JSON.stringify(request)).not.toMatch(/李|u-typist|\*\*\*\*\d/);
    }
  });
});

// ---------------------------------------------------------------- the organisation

//                               member phone | unit contact phone | join request phone
const ORG_COLUMNS = ['memberEntry', 'unitEntry', 'joinRequest'] as const;
const ORG = table(ORG_COLUMNS, {
  owner: /*                  */ 'E M E',
  claimer: /*                */ 'M M M',
  assignee: /*               */ 'M M M',
  unit_admin: /*             */ 'E M M',
  staff: /*                  */ 'E E E',
  grid_staff: /*             */ 'E M M',
  entered_by: /*             */ 'E M M',
  staff_other: /*            */ 'M M M',
  town: /*                   */ 'M M M',
  other_resident: /*         */ 'M M M',
  volunteer_before_claim: /* */ 'M M M',
  public: /*                 */ 'M M M',
});

describe('organisation records (org.members, org.units, join requests)', () => {
  expectCoverage('memberEntry', ['user.phone']);
  expectCoverage('unitEntry', ['contactPhone']);
  expectCoverage('joinRequest', ['phone']);

  const member: Member = { user: { id: OWNER_ID, name: NAME, phone: PHONE }, roles: ['volunteer'], unitId: UNIT, gridIds: [] };
  const unit = { id: UNIT, communityId: COMMUNITY, name: '县妇幼保健院', kind: 'public_institution' as const, contactName: '王丽华', contactPhone: PHONE };
  const request = { id: 'jr1', communityId: COMMUNITY, userId: OWNER_ID, name: NAME, phone: PHONE, roles: ['resident' as const], status: 'pending' as const, createdAt: at };

  test.each(VIEWERS)('%s', (v) => {
    const seen = {
      memberEntry: cellOf(PHONE, memberEntryOf(member, COMMUNITY, viewers[v]).user.phone),
      unitEntry: cellOf(PHONE, unitEntryOf(unit, viewers[v]).contactPhone),
      joinRequest: cellOf(PHONE, joinRequestEntryOf(request, viewers[v]).phone),
    };
    expect(seen).toEqual(ORG[v]);
  });
});

//                               helper phone | grid worker phone | unit contact phone
const CALL_COLUMNS = ['helpers.phone', 'gridWorker.phone', 'unit.contactPhone'] as const;
const CALL = table(CALL_COLUMNS, {
  owner: /*                  */ '- - -',
  claimer: /*                */ '- - -',
  assignee: /*               */ '- - -',
  unit_admin: /*             */ '- - -',
  staff: /*                  */ 'E E E',
  grid_staff: /*             */ 'E E E',
  entered_by: /*             */ 'E E E',
  staff_other: /*            */ '- - -',
  town: /*                   */ '- - -',
  other_resident: /*         */ '- - -',
  volunteer_before_claim: /* */ '- - -',
  public: /*                 */ '- - -',
});

describe('call list of a wish (dispatch.callList: whom staff can phone about it now)', () => {
  expectCoverage('callList', CALL_COLUMNS);
  const list = {
    helpers: [{ id: 'u-volunteer', name: '张晓东', phone: PHONE, roles: ['volunteer' as const], onDuty: true, distanceM: 120, load: 0 }],
    gridWorker: { id: 'u-grid', name: '陈志强', phone: BENEFICIARY_PHONE, gridName: '第二网格' },
    unit: { id: UNIT, name: '县妇幼保健院', contactName: '王院长', contactPhone: '13971100001' },
    radiusM: 3000,
    maxOpenTasks: 5,
    at,
  };
  // The grid worker who typed a proxy entry in is staff of the community too: every phone is the community's staff's to ring.
  test.each(VIEWERS)('%s', (v) => {
    const shown = callListOf(list, { communityId: COMMUNITY }, viewers[v]);
    expect({
      'helpers.phone': cellOf(PHONE, shown.helpers[0].phone),
      'gridWorker.phone': cellOf(BENEFICIARY_PHONE, shown.gridWorker?.phone),
      'unit.contactPhone': cellOf('13971100001', shown.unit?.contactPhone),
    }).toEqual(CALL[v]);
    expect(shown.helpers[0].name).toBe('张晓东');
  });
});

//                                 helper who kept the default | helper who chose the full name
const HELPER_NAME = table(['masked_by_default', 'chose_full'] as const, {
  owner: /*                  */ 'M E',
  claimer: /*                */ 'E E',
  assignee: /*               */ 'M E',
  unit_admin: /*             */ 'M E',
  staff: /*                  */ 'E E',
  grid_staff: /*             */ 'E E',
  entered_by: /*             */ 'E E',
  staff_other: /*            */ 'M E',
  town: /*                   */ 'E E',
  other_resident: /*         */ 'M E',
  volunteer_before_claim: /* */ 'M E',
  public: /*                 */ 'M E',
});

describe('helper name (stats.wall, stats.leaderboard: who helped, for people they did not serve)', () => {
  expectCoverage('helperName', ['name']);
  // The helper is the claimer of the cast: they see their own name.
  const helper = { userId: 'u-claimer', name: '张晓东', communityId: COMMUNITY, townId: TOWN };
  test.each(VIEWERS)('%s', (v) => {
    const seen = {
      masked_by_default: cellOf(helper.name, helperNameOf(helper, viewers[v])),
      chose_full: cellOf(helper.name, helperNameOf({ ...helper, showFullName: true }, viewers[v])),
    };
    expect(seen).toEqual(HELPER_NAME[v]);
  });
  test('nobody known is 志愿者', () => expect(helperNameOf(undefined, viewers.staff)).toBe('志愿者'));
});

describe('story card (stats.wall, stories.detail: a 微故事 as anyone reads it)', () => {
  expectCoverage('storyCard', ['row', 'residentName', 'helpers']);
  const helper = { userId: 'u-claimer', name: '张晓东', communityId: COMMUNITY, townId: TOWN };
  const story = (over: Record<string, unknown> = {}) =>
    ({
      id: 's1', wishId: 'w-story', communityId: COMMUNITY, townId: TOWN, category: 'repair', title: '修水龙头', note: '修好了', beforePhotos: [], afterPhotos: [],
      ownerId: OWNER_ID, anonymous: false, helperIds: [helper.userId], status: 'published', authorId: 'u-secretary', draftedAt: at, ...over,
    }) as Parameters<typeof storyCardOf>[0];
  test.each(VIEWERS)('%s', (v) => {
    for (const [anonymous, nameCell] of [[false, 'M'], [true, 'N']] as const) {
      const card = storyCardOf(story({ anonymous }), NAME, [helper], viewers[v])!;
      // Even the resident and staff read their story as the public will: the name masked, or nobody.
      expect(cellOf(NAME, card.residentName)).toBe(nameCell);
      expect(cellOf(helper.name, card.helpers[0])).toBe(HELPER_NAME[v].masked_by_default);
      expectNoStraySecrets(card, { ownerName: 'M', ownerId: '-' });
    }
    for (const status of ['awaiting_consent', 'consented', 'declined', 'withdrawn'] as const) expect(storyCardOf(story({ status }), NAME, [helper], viewers[v])).toBeNull();
    for (const category of ['legal_aid', 'mediation', 'medical_trip', 'health'] as const) expect(storyCardOf(story({ category }), NAME, [helper], viewers[v])).toBeNull();
  });
});

//                                 location gridId
const MAP_POINT = table(['location', 'gridId'] as const, {
  owner: /*                  */ 'E E',
  claimer: /*                */ 'E E',
  assignee: /*               */ 'E E',
  unit_admin: /*             */ 'E E',
  staff: /*                  */ 'E E',
  grid_staff: /*             */ 'E E',
  entered_by: /*             */ 'M -',
  staff_other: /*            */ 'M -',
  town: /*                   */ 'M -',
  other_resident: /*         */ 'M -',
  volunteer_before_claim: /* */ 'M -',
  public: /*                 */ 'M -',
});

describe('map point (dispatch.map: a dot of the grid map, for those who may read the wish)', () => {
  expectCoverage('mapPoint', ['location', 'gridId']);
  test.each(VIEWERS)('%s', (v) => {
    const wish = wishOf('anonymous_proxy');
    const point = mapPointOf(wish, false, viewers[v]);
    if (!READS_DETAIL[v]) {
      expect(point).toBeNull();
      return;
    }
    const seen = { location: cellOf(wish.location, point!.location), gridId: cellOf(wish.gridId, point!.gridId) };
    expect(seen).toEqual(MAP_POINT[v]);
    expect(point!.exact).toBe(seen.location === 'E');
    // A dot names nobody and carries no contact: only where, what and how it stands.
    expectNoStraySecrets(point, { ...MAP_POINT[v], contactPhone: 'M', address: 'M', buildingId: '-', 'beneficiary.phone': 'M', ownerName: '-', ownerId: '-' });
  });
  test('only wishes in play are dots, a stalled one as such', () => {
    expect(mapPointOf(wishOf('proxy'), true, viewers.staff)!.state).toBe('stalled');
    expect(mapPointOf(wishOf('proxy', { status: 'in_progress' }), true, viewers.staff)!.state).toBe('claimed');
    for (const status of ['pending_review', 'rejected', 'done', 'confirmed', 'cancelled'] as const) expect(mapPointOf(wishOf('proxy', { status }), false, viewers.staff)).toBeNull();
  });
});

// ---------------------------------------------------------------- people's own records outside the wish

//                               on-duty phone | certificate holder | family: other (asked by owner, pending) | (accepted) | redemption holder
const PEOPLE_COLUMNS = ['onDuty', 'certificate', 'family_pending', 'family_accepted', 'redemption'] as const;
const PEOPLE = table(PEOPLE_COLUMNS, {
  owner: /*                  */ '- M M E -',
  claimer: /*                */ '- M E E -',
  assignee: /*               */ '- M E E -',
  unit_admin: /*             */ '- M E E -',
  staff: /*                  */ 'E M E E E',
  grid_staff: /*             */ 'E M E E E',
  entered_by: /*             */ 'E M E E E',
  staff_other: /*            */ '- M E E -',
  town: /*                   */ '- M E E -',
  other_resident: /*         */ '- M E E -',
  volunteer_before_claim: /* */ '- M E E -',
  public: /*                 */ '- M E E -',
});

describe('on duty, certificates, family links, redemptions (org.onDuty, certificates.verify, timebank, points)', () => {
  expectCoverage('onDuty', ['items.phone']);
  expectCoverage('certificateCheck', ['holderName']);
  expectCoverage('familyLink', ['other.name']);
  expectCoverage('redemption', ['holderName']);
  const helper = { id: 'u-volunteer', name: '张晓东', phone: PHONE, roles: ['volunteer' as const], hours: [], urgentAlerts: true };
  const link = (status: 'pending' | 'accepted') => ({
    view: { id: 'fl1', other: { id: 'u-son', name: '李建国' }, relation: 'child' as const, status, askedByMe: true, createdAt: at },
    facts: { fromId: OWNER_ID, status },
  });
  const redemption = { id: 'r1', code: 'AB12', itemId: 'i1', itemName: '爱心大米', cost: 10, status: 'pending' as const, createdAt: at, holderName: NAME, communityId: COMMUNITY };
  test.each(VIEWERS)('%s', (v) => {
    const pending = link('pending');
    const accepted = link('accepted');
    const seen = {
      onDuty: cellOf(PHONE, onDutyOf([helper], COMMUNITY, viewers[v])[0].phone),
      certificate: cellOf(NAME, verifiedCertificateOf({ serial: 'S1', holderName: NAME }).holderName),
      family_pending: cellOf('李建国', familyLinkOf(pending.view, pending.facts, viewers[v]).other.name),
      family_accepted: cellOf('李建国', familyLinkOf(accepted.view, accepted.facts, viewers[v]).other.name),
      redemption: cellOf(NAME, redemptionOf(redemption, viewers[v]).holderName),
    };
    expect(seen).toEqual(PEOPLE[v]);
    expect(onDutyOf([helper], COMMUNITY, viewers[v])[0].name).toBe('张晓东');
    expect(redemptionOf(redemption, viewers[v])).not.toHaveProperty('communityId');
  });
});

test('every reply type of the policy is in this matrix', () => {
  expect(Object.keys(ReplyPolicies).sort()).toEqual([
    'callList', 'certificateCheck', 'familyLink', 'helperName', 'joinRequest', 'mapPoint', 'memberEntry', 'nearbyItem', 'onDuty', 'open311Request',
    'redemption', 'similarItem', 'storyCard', 'unitEntry', 'wallItem', 'wishDetail', 'wishView',
  ]);
});
