/**
 * The people of the generated suites: in each seeded community one person for every way
 * someone can stand to a wish, plus the staff of the other community and both towns'
 * admins. People are written straight into `users` (nothing in the product makes a town
 * admin); every wish is made through the real functions (fixtures.ts).
 */
import type { Db } from 'mongodb';
import type { Role } from '@shared';
import { familyLinkId } from '../../../cloudfunctions/_core/store/timebank';

export interface CommunityFacts {
  communityId: string;
  townId: string;
  unitId: string;
  /** The grid of `buildingId`, which the cast's grid worker holds. */
  gridId: string;
  buildingId: string;
  compound: string;
  /** Where the community's fixture wishes are, before each gets its own offset. */
  origin: readonly [number, number];
  /** Another community of the same town: where the town's 督办 may move a wish. */
  siblingId: string;
}

export const COMMUNITIES = {
  tao: { communityId: 'com-taoyuan', townId: 'town-huayuan', unitId: 'unit-fuyou', gridId: 'grid-taoyuan-2', buildingId: 'bld-g5', compound: '桃源小区', origin: [113.9951, 31.2527], siblingId: 'com-huayuanjie' },
  szs: { communityId: 'com-shizishan', townId: 'town-chengguan', unitId: 'unit-yuanshaohui', gridId: 'grid-xcy-1', buildingId: 'bld-xcy-1', compound: '香城苑小区', origin: [110.1128, 32.8104], siblingId: 'com-mx-chengguan-2' },
} as const satisfies Record<string, CommunityFacts>;
export type CommunityKey = keyof typeof COMMUNITIES;
export const COMMUNITY_KEYS = Object.keys(COMMUNITIES) as CommunityKey[];
export const otherCommunity = (c: CommunityKey): CommunityKey => (c === 'tao' ? 'szs' : 'tao');

/**
 * The columns of the matrix, each a person of the wish's community unless named otherwise.
 * `owner` is the poster of the plain wishes, `owner_anon` of the anonymous ones (so an
 * anonymous owner's name appearing anywhere is a leak, not a coincidence). `family` is `owner`'s family member
 * (an accepted 时间银行 link): the plain wishes are posted for them, so they stand to those as `beneficiary`.
 */
export const CastRoles = {
  owner: ['resident'],
  owner_anon: ['resident'],
  family: ['resident'],
  neighbour: ['resident'],
  claimer: ['resident', 'volunteer'],
  assignee: ['party_member'],
  volunteer: ['volunteer'],
  unit_admin: ['unit_admin'],
  unit_member: ['volunteer'],
  grid: ['grid_worker'],
  secretary: ['secretary'],
  town: ['town_admin'],
  /** A volunteer whose membership the secretary deactivated (停用): refused everything but `OpenToDeactivated`. */
  deactivated: ['resident', 'volunteer'],
  /**
   * Two people like the demo's 周建: each lives in the community's sibling (a resident there) and serves in this one
   * (a volunteer of its co-building unit). `dual_here` acts in this community, `dual_away` in the one they live in:
   * this community's wishes are theirs to act on as its volunteer, or closed as to any outsider; the other seeded
   * community's are a third they don't belong to.
   */
  dual_here: ['volunteer'],
  dual_away: ['volunteer'],
} as const satisfies Record<string, readonly Role[]>;
export type CastKey = keyof typeof CastRoles;

const SURNAMES = '赵钱孙周吴郑冯陈褚卫蒋沈韩朱秦尤许何吕施张孔曹严华金魏陶姜';
const GIVEN = ['建华', '秀英', '志明', '桂芳', '德胜', '玉兰', '国强', '淑珍', '永红', '春生', '海燕'];

export interface CastMember {
  key: string;
  userId: string;
  name: string;
  phone: string;
  community: CommunityKey;
  cast: CastKey;
  roles: readonly Role[];
}

export const devKeyOf = (c: CommunityKey, k: CastKey) => `mx_${c}_${k}`;

/** Every cast member, with a name and phone nobody else in the database has. */
export function castMembers(): CastMember[] {
  const out: CastMember[] = [];
  let n = 0;
  for (const c of COMMUNITY_KEYS) {
    for (const k of Object.keys(CastRoles) as CastKey[]) {
      out.push({
        key: devKeyOf(c, k),
        userId: `u-mx-${c}-${k.replace('_', '-')}`,
        name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[n % GIVEN.length]}${'甲乙丙丁'[Math.floor(n / 20)]}`,
        phone: `1770000${String(1000 + n).padStart(4, '0')}`,
        community: c,
        cast: k,
        roles: CastRoles[k],
      });
      n++;
    }
  }
  return out;
}

export async function insertCast(db: Db, members: CastMember[], now: Date): Promise<void> {
  const docs = members.map((m) => {
    const f = COMMUNITIES[m.community];
    const membership =
      m.cast === 'town'
        ? { townId: f.townId, roles: [...m.roles] }
        : {
            communityId: f.communityId,
            townId: f.townId,
            roles: [...m.roles],
            ...(m.cast === 'grid' ? { gridIds: [f.gridId] } : {}),
            ...(m.cast === 'unit_admin' || m.cast === 'unit_member' || m.cast.startsWith('dual_') ? { unitId: f.unitId } : {}),
            ...(m.cast.startsWith('owner') || m.cast === 'neighbour' || m.cast === 'family' ? { buildingId: f.buildingId } : {}),
            ...(m.cast === 'deactivated' ? { deactivated: { at: now, by: `u-mx-${m.community}-secretary`, reason: '矩阵：已停用的成员' } } : {}),
          };
    if (m.cast.startsWith('dual_')) {
      const home = { communityId: f.siblingId, townId: f.townId, roles: ['resident'] };
      const actingCommunityId = m.cast === 'dual_here' ? f.communityId : f.siblingId;
      return { _id: m.userId, devKey: m.key, name: m.name, phone: m.phone, memberships: [membership, home], actingCommunityId, createdAt: now };
    }
    return { _id: m.userId, devKey: m.key, name: m.name, phone: m.phone, memberships: [membership], createdAt: now };
  });
  await db.collection('users').insertMany(docs as never[]);
  // Each community's owner and their family member, linked as the 时间银行 links them once both agreed.
  for (const c of COMMUNITY_KEYS) {
    const [owner, family] = (['owner', 'family'] as const).map((k) => members.find((m) => m.community === c && m.cast === k)!);
    await db.collection('family_links').insertOne({
      _id: familyLinkId(owner.userId, family.userId), fromId: owner.userId, fromName: owner.name, toId: family.userId, toName: family.name,
      relation: 'parent', status: 'accepted', createdAt: now, decidedAt: now,
    } as never);
  }
  // Each town gets a second community (the seed may have one already) for the town's 督办 to move wishes to.
  for (const c of COMMUNITY_KEYS) {
    const f = COMMUNITIES[c];
    await db.collection('communities').updateOne({ _id: f.siblingId } as never, { $setOnInsert: { townId: f.townId, name: `${f.compound}邻近社区`, settings: {} } }, { upsert: true });
  }
}
