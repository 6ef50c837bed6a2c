import { createFunction } from '../_core/routing/router';
import acceptInvite from './actions/acceptInvite';
import actIn from './actions/actIn';
import buildings from './actions/buildings';
import community from './actions/community';
import compounds from './actions/compounds';
import grids from './actions/grids';
import decideJoin from './actions/decideJoin';
import invites from './actions/invites';
import joinRequests from './actions/joinRequests';
import listInvites from './actions/listInvites';
import me from './actions/me';
import myDuty from './actions/myDuty';
import onDuty from './actions/onDuty';
import setDuty from './actions/setDuty';
import members from './actions/members';
import partyBranches from './actions/partyBranches';
import saveBranch from './actions/saveBranch';
import closeBranch from './actions/closeBranch';
import report from './actions/report';
import requestJoin from './actions/requestJoin';
import revokeInvite from './actions/revokeInvite';
import roles from './actions/roles';
import deactivate from './actions/deactivate';
import reactivate from './actions/reactivate';
import saveBuilding from './actions/saveBuilding';
import saveCompound from './actions/saveCompound';
import saveGrid from './actions/saveGrid';
import saveUnit from './actions/saveUnit';
import units from './actions/units';
import updateMe from './actions/updateMe';
import updateSettings from './actions/updateSettings';

/** The community's organisation: places, grids, units, party branches, people, roles and how people join. */
export const main = createFunction('org', {
  me, actIn, updateMe, community, updateSettings, grids, saveGrid, compounds, saveCompound, buildings, saveBuilding,
  units, saveUnit, partyBranches, saveBranch, closeBranch, report, members, roles, deactivate, reactivate, invites, acceptInvite,
  listInvites, revokeInvite, requestJoin, joinRequests, decideJoin, myDuty, setDuty, onDuty,
});
