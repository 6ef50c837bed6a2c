import { startTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await (await server.login('secretary')).ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
});
afterAll(() => server?.stop());

describe('statistics count each step by when it happened', () => {
  test('a window holding the claim and completion of a wish posted before it counts them; the service counts when the resident confirms', async () => {
    const resident = await server.login('resident2');
    const secretary = await server.login('secretary');
    const volunteer = await server.login('volunteer');

    const { wish } = await resident.ok('wishes', 'create', wishInput({ buildingId: 'bld-g2', title: '窗户关不严' }));
    await secretary.ok('dispatch', 'approve', { wishId: wish.id });
    server.clock.advanceHours(48);
    const from = server.clock.now().toISOString();
    await volunteer.ok('tasks', 'claim', { wishId: wish.id });
    await volunteer.ok('tasks', 'start', { wishId: wish.id });
    await volunteer.ok('tasks', 'complete', { wishId: wish.id, note: '已调好合页', hours: 2.5 });
    server.clock.advanceHours(1);
    const to = server.clock.now().toISOString();

    const window = await secretary.ok('stats', 'overview', { from, to });
    // Posted and approved before the window; claimed and completed inside it.
    expect(window).toMatchObject({ collected: 0, approved: 0, claimed: 1, completed: 1, confirmed: 0 });
    // Completed but not confirmed: the service and its hours do not count yet.
    expect(window).toMatchObject({ serviceCount: 0, serviceHours: 0 });

    server.clock.advanceHours(24);
    const confirmFrom = server.clock.now().toISOString();
    await resident.ok('wishes', 'confirm', { wishId: wish.id });
    server.clock.advanceHours(1);
    const confirmTo = server.clock.now().toISOString();

    expect(await secretary.ok('stats', 'overview', { from, to })).toMatchObject({ completed: 1, serviceCount: 0, serviceHours: 0 });
    const confirmed = await secretary.ok('stats', 'overview', { from: confirmFrom, to: confirmTo });
    expect(confirmed).toMatchObject({ claimed: 0, completed: 0, confirmed: 1, serviceCount: 1, serviceHours: 2.5, helpers: 1 });
    const board = await secretary.ok('stats', 'leaderboard', { kind: 'volunteer', metric: 'hours', from: confirmFrom, to: confirmTo });
    expect(board.rows).toEqual([expect.objectContaining({ id: 'u-volunteer', services: 1, hours: 2.5 })]);
  });
});
