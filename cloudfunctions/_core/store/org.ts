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

  building(communityId: string, id: string): Promise<BuildingDoc | null> {
    return this.c.buildings.findOne({ _id: id, communityId });
  }

  unit(communityId: string, id: string): Promise<UnitDoc | null> {
    return this.c.units.findOne({ _id: id, communityId });
  }
}
