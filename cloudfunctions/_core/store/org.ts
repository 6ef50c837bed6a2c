import { AppError, type GeoPoint } from '@shared';
import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';
import { newId } from './ids';
import type { BuildingDoc, CompoundDoc, GridDoc, PartyBranchDoc, UnitDoc } from './types';
import type { UnitRosterDoc } from './collections';

type OrgDoc = { _id: string; communityId: string };
type Fields<T> = Omit<Partial<T>, '_id' | 'communityId'>;

/** Insert, or update one that belongs to this community (another community's id is "not found"). */
async function saveInCommunity<T extends OrgDoc & Document>(coll: Collection<T>, communityId: string, id: string | undefined, fields: Fields<T>, unset: (keyof T & string)[] = []): Promise<T> {
  if (!id) {
    const doc = { ...fields, _id: newId(), communityId } as T;
    await coll.insertOne(doc as Parameters<Collection<T>['insertOne']>[0]);
    return doc;
  }
  const update: UpdateFilter<T> = { $set: fields as Partial<T> };
  if (unset.length) update.$unset = Object.fromEntries(unset.map((k) => [k, ''])) as UpdateFilter<T>['$unset'];
  const after = await coll.findOneAndUpdate({ _id: id, communityId } as Filter<T>, update, { returnDocument: 'after' });
  if (!after) throw new AppError('NOT_FOUND', '记录不存在');
  return after as T;
}

async function allIn<T extends OrgDoc & Document>(coll: Collection<T>, communityId: string, ids: string[]): Promise<boolean> {
  const distinct = [...new Set(ids)];
  return (await coll.countDocuments({ _id: { $in: distinct }, communityId } as Filter<T>)) === distinct.length;
}

const BRANCH_ORDER = { town: 0, community: 1, compound: 2, building: 3, unit: 4 } as const;
const OPEN = { closedAt: { $exists: false } } as const;

/** A community's organisation below it: compounds, buildings, grids, party branches, co-building units. */
export class OrgRepository {
  constructor(
    private readonly c: {
      compounds: Collection<CompoundDoc>;
      buildings: Collection<BuildingDoc>;
      grids: Collection<GridDoc>;
      partyBranches: Collection<PartyBranchDoc>;
      units: Collection<UnitDoc>;
      unitRosters: Collection<UnitRosterDoc>;
    },
  ) {}

  building(communityId: string, id: string): Promise<BuildingDoc | null> {
    return this.c.buildings.findOne({ _id: id, communityId });
  }

  /** The grid of the community's building nearest this point, among those with a grid: $geoNear on the buildings' 2dsphere index. */
  async nearestGrid(communityId: string, at: GeoPoint): Promise<string | undefined> {
    const [nearest] = await this.c.buildings
      .aggregate<{ gridId: string }>([
        { $geoNear: { near: at, distanceField: 'distanceM', spherical: true, key: 'location', query: { communityId, gridId: { $type: 'string' } } } },
        { $limit: 1 },
        { $project: { gridId: 1 } },
      ])
      .toArray();
    return nearest?.gridId;
  }

  unit(communityId: string, id: string): Promise<UnitDoc | null> {
    return this.c.units.findOne({ _id: id, communityId });
  }

  /**
   * Records that someone who answered for the unit may be gone (UnitRosterDoc): written before the unit's people are
   * counted again, so two such changes at once conflict instead of each counting the other as still there.
   */
  async touchUnitRoster(unitId: string, at: Date): Promise<void> {
    await this.c.unitRosters.updateOne({ _id: unitId }, { $inc: { version: 1 }, $set: { at } }, { upsert: true });
  }

  /** A unit wherever it is registered: the town's 督办 dispatches across its communities (the caller checks the town). */
  unitAnywhere(id: string): Promise<UnitDoc | null> {
    return this.c.units.findOne({ _id: id });
  }

  /** The town- and county-level units registered in these communities. */
  townLevelUnits(communityIds: string[]): Promise<UnitDoc[]> {
    return this.c.units.find({ communityId: { $in: communityIds }, level: { $in: ['town', 'county'] } }).sort({ name: 1 }).toArray();
  }

  compound(communityId: string, id: string): Promise<CompoundDoc | null> {
    return this.c.compounds.findOne({ _id: id, communityId });
  }

  grid(communityId: string, id: string): Promise<GridDoc | null> {
    return this.c.grids.findOne({ _id: id, communityId });
  }

  /** Whether every one of these grids is the community's. */
  allGridsOf(communityId: string, ids: string[]): Promise<boolean> {
    return allIn(this.c.grids, communityId, ids);
  }

  /** Whether every one of these buildings is the community's. */
  allBuildingsOf(communityId: string, ids: string[]): Promise<boolean> {
    return allIn(this.c.buildings, communityId, ids);
  }

  /** A party branch a member of this community may belong to: one of its own, or its town's committee. */
  partyBranchFor(communityId: string, townId: string, id: string): Promise<PartyBranchDoc | null> {
    return this.c.partyBranches.findOne({ _id: id, ...OPEN, $or: [{ communityId }, { level: 'town', townId }] });
  }

  /** Every branch of the town, closed ones too: what a tree edit is checked against (shared/org `branchRefusal`). */
  branchesOfTown(townId: string): Promise<PartyBranchDoc[]> {
    return this.c.partyBranches.find({ townId }).toArray();
  }

  partyBranch(id: string): Promise<PartyBranchDoc | null> {
    return this.c.partyBranches.findOne({ _id: id });
  }

  async insertBranch(doc: PartyBranchDoc): Promise<void> {
    await this.c.partyBranches.insertOne(doc);
  }

  /**
   * Changes an open branch; false when it is closed or gone. Every edit of the tree writes the branches it leans on
   * (the parent a child is put under, the branch a member is put in) with this, so two edits that would together
   * break the tree (closing a branch while a child or member is put in it) touch one record and cannot both commit.
   */
  async updateOpenBranch(id: string, at: Date, set: Partial<Pick<PartyBranchDoc, 'name' | 'parentId' | 'closedAt'>> = {}): Promise<boolean> {
    const done = await this.c.partyBranches.updateOne({ _id: id, ...OPEN }, { $set: { ...set, updatedAt: at } });
    return done.matchedCount === 1;
  }

  compounds(communityId: string): Promise<CompoundDoc[]> {
    return this.c.compounds.find({ communityId }).sort({ name: 1 }).toArray();
  }

  buildings(communityId: string, compoundId?: string): Promise<BuildingDoc[]> {
    return this.c.buildings.find({ communityId, ...(compoundId ? { compoundId } : {}) }).sort({ name: 1 }).toArray();
  }

  grids(communityId: string): Promise<GridDoc[]> {
    return this.c.grids.find({ communityId }).sort({ name: 1 }).toArray();
  }

  units(communityId: string): Promise<UnitDoc[]> {
    return this.c.units.find({ communityId }).sort({ name: 1 }).toArray();
  }

  /** The community's open branches and the town's committee above them, top down. */
  async partyBranches(communityId: string, townId: string): Promise<PartyBranchDoc[]> {
    const items = await this.c.partyBranches.find({ ...OPEN, $or: [{ communityId }, { level: 'town', townId }] }).toArray();
    return items.sort((a, b) => BRANCH_ORDER[a.level] - BRANCH_ORDER[b.level] || a.name.localeCompare(b.name, 'zh'));
  }

  saveCompound(communityId: string, id: string | undefined, fields: Fields<CompoundDoc>): Promise<CompoundDoc> {
    return saveInCommunity(this.c.compounds, communityId, id, fields);
  }

  saveBuilding(communityId: string, id: string | undefined, fields: Fields<BuildingDoc>, unset: 'gridId'[] = []): Promise<BuildingDoc> {
    return saveInCommunity(this.c.buildings, communityId, id, fields, unset);
  }

  saveUnit(communityId: string, id: string | undefined, fields: Fields<UnitDoc>): Promise<UnitDoc> {
    return saveInCommunity(this.c.units, communityId, id, fields);
  }

  saveGrid(communityId: string, id: string | undefined, fields: Fields<GridDoc>, unset: ('gridWorkerId' | 'boundary')[] = []): Promise<GridDoc> {
    return saveInCommunity(this.c.grids, communityId, id, fields, unset);
  }

  /** The grid is exactly these buildings: others leave it, these join it. */
  async setGridBuildings(communityId: string, gridId: string, buildingIds: string[]): Promise<void> {
    await this.c.buildings.updateMany({ communityId, gridId, _id: { $nin: buildingIds } }, { $unset: { gridId: '' } });
    await this.c.buildings.updateMany({ communityId, _id: { $in: buildingIds } }, { $set: { gridId } });
  }

  /** The names of these co-building units, by id. */
  async unitNames(ids: string[]): Promise<Map<string, string>> {
    return byId(await this.c.units.find({ _id: { $in: ids } }, { projection: { name: 1 } }).toArray());
  }

  /** The names of these party branches, by id. */
  async branchNames(ids: string[]): Promise<Map<string, string>> {
    return byId(await this.c.partyBranches.find({ _id: { $in: ids } }, { projection: { name: 1 } }).toArray());
  }

  /** The names of every grid of these communities, by id. */
  async gridNames(communityIds: string[]): Promise<Map<string, string>> {
    return byId(await this.c.grids.find({ communityId: { $in: communityIds } }, { projection: { name: 1 } }).toArray());
  }
}

const byId = (list: { _id: string; name: string }[]) => new Map(list.map((x) => [x._id, x.name]));
