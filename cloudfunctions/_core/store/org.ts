import type { Collection } from 'mongodb';
import type { BuildingDoc, CompoundDoc, GridDoc, PartyBranchDoc, UnitDoc } from '../types';

/** A community's organisation below it: compounds, buildings, grids, party branches, co-building units. */
export class OrgRepository {
  constructor(
    private readonly c: {
      compounds: Collection<CompoundDoc>;
      buildings: Collection<BuildingDoc>;
      grids: Collection<GridDoc>;
      partyBranches: Collection<PartyBranchDoc>;
      units: Collection<UnitDoc>;
    },
  ) {}

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
