import { SYSTEM, type Actor, type Relation, type UserActor, type Wish } from '@shared';

/** The cast of the demo community 'c1' in town 't1'; each holds one relation to the wishes below. */
export const COMMUNITY = 'c1';
export const TOWN = 't1';
export const GRID = 'grid1';
export const UNIT = 'unit1';

export const person = (userId: string, roles: UserActor['roles'], extra: Partial<UserActor> = {}): UserActor => ({
  kind: 'user',
  userId,
  communityId: COMMUNITY,
  roles,
  ...extra,
});

export const owner = person('owner', ['resident']);
/** The owner's family member the wish was posted for (时间银行), a resident of the community too. */
export const family = person('family', ['resident']);
export const secretary = person('secretary', ['secretary']);
export const gridWorker = person('gridworker', ['grid_worker'], { gridIds: [GRID] });
export const claimer = person('claimer', ['volunteer']);
export const otherHelper = person('other', ['party_member']);
export const assignee = person('assignee', ['party_member']);
export const unitMember = person('member', ['volunteer'], { unitId: UNIT });
export const unitAdmin = person('unitadmin', ['unit_admin'], { unitId: UNIT });
export const volunteer = person('volunteer', ['volunteer']);
export const townAdmin: UserActor = { kind: 'user', userId: 'townadmin', townId: TOWN, roles: ['town_admin'] };

/** The person who would hold `relation` to `wish` (for assignee: whoever the wish names). */
export function actorFor(relation: Relation, wish: Wish): Actor {
  switch (relation) {
    case 'owner':
      return owner;
    case 'beneficiary':
      return family;
    case 'staff':
      return secretary;
    case 'grid_staff':
      return gridWorker;
    case 'claimer':
      return claimer;
    case 'assignee':
      return wish.claims.some((c) => c.assigneeId === unitMember.userId) ? unitMember : assignee;
    case 'unit_admin_of_claiming_unit':
      return unitAdmin;
    case 'volunteer':
      return volunteer;
    case 'town':
      return townAdmin;
    case 'system':
      return SYSTEM;
  }
}
