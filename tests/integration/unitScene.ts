import { startRoomyTestServer, type Client, type TestServer } from './harness';

/**
 * The people a co-building unit's suite plays (孝昌县妇幼保健院, a county-level unit registered in 桃源): a roomy demo
 * server, 桃源's and 花园街's secretaries, the town, a resident, the unit's admin and member; helpers may hold 50 wishes.
 */
export interface UnitScene { server: TestServer; secretary: Client; neighbourSecretary: Client; town: Client; resident: Client; unitAdmin: Client; unitMember: Client }
export async function unitScene(): Promise<UnitScene> {
  const server = await startRoomyTestServer();
  const [secretary, neighbourSecretary, town, resident, unitAdmin, unitMember] = await Promise.all(
    ['secretary', 'secretary_hy', 'town_admin', 'resident', 'unit_admin', 'unit_member'].map((who) => server.login(who)),
  );
  await secretary.ok('org', 'updateSettings', { settings: { maxOpenTasksPerHelper: 50 } });
  return { server, secretary, neighbourSecretary, town, resident, unitAdmin, unitMember };
}
