/**
 * Before a second neighbour posts the same request, they are shown it: still-open wishes of
 * the same kind close by, from their own community only.
 */
import { startRoomyTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startRoomyTestServer();
});
afterAll(() => server?.stop());

const G5 = { type: 'Point', coordinates: [113.9951, 31.2527] };
/** About 40 m from G5, and about 1.2 km away. */
const NEXT_DOOR = { type: 'Point', coordinates: [113.9955, 31.2528] };
const ACROSS_TOWN = { type: 'Point', coordinates: [114.0071, 31.2527] };

describe('similar wishes nearby', () => {
  test('a neighbour sees an open wish of the same kind close by, with its distance, before posting', async () => {
    const resident = await server.login('resident');
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '楼道声控灯不亮了', location: G5 }));
    const neighbour = await server.login('resident2');
    // Pending review, a wish is its owner's and staff's only (DESIGN.md §7): shown to neighbours once approved.
    expect((await neighbour.ok('wishes', 'similar', { category: 'repair', location: NEXT_DOOR })).items.map((x: any) => x.id)).not.toContain(wish.id);
    await (await server.login('secretary')).ok('dispatch', 'approve', { wishId: wish.id });

    const near = await neighbour.ok('wishes', 'similar', { category: 'repair', location: NEXT_DOOR });
    const found = near.items.find((x: any) => x.id === wish.id);
    expect(found).toMatchObject({ title: '楼道声控灯不亮了', status: 'open' });
    // About 40 m from the home; shown to the coarsened point, in 100 m steps (shared/privacy `shownDistanceM`).
    expect(found.distanceM).toBe(100);
    // Only what is needed to recognise it: no phone, address or owner.
    expect(Object.keys(found).sort()).toEqual(['createdAt', 'distanceM', 'id', 'status', 'title']);

    const otherKind = await neighbour.ok('wishes', 'similar', { category: 'companionship', location: NEXT_DOOR });
    expect(otherKind.items.map((x: any) => x.id)).not.toContain(wish.id);
    const farAway = await neighbour.ok('wishes', 'similar', { category: 'repair', location: ACROSS_TOWN });
    expect(farAway.items.map((x: any) => x.id)).not.toContain(wish.id);
  });

  test('a finished or cancelled wish is not pointed out, nor one of another community', async () => {
    const resident = await server.login('resident');
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '单元门锁坏了', category: 'material', location: G5 }));
    await (await server.login('secretary')).ok('dispatch', 'approve', { wishId: wish.id });
    const neighbour = await server.login('resident2');
    expect((await neighbour.ok('wishes', 'similar', { category: 'material', location: NEXT_DOOR })).items.map((x: any) => x.id)).toContain(wish.id);

    const stranger = await server.login('resident_bh');
    expect((await stranger.ok('wishes', 'similar', { category: 'material', location: NEXT_DOOR })).items.map((x: any) => x.id)).not.toContain(wish.id);

    await resident.ok('wishes', 'cancel', { wishId: wish.id, reason: '已自行解决' });
    expect((await neighbour.ok('wishes', 'similar', { category: 'material', location: NEXT_DOOR })).items.map((x: any) => x.id)).not.toContain(wish.id);
  });

  test('staff entering a wish for an elder are told of similar ones in the reply', async () => {
    const resident = await server.login('resident');
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '楼下路灯坏了', location: G5 }));
    const grid = await server.login('grid_worker');
    const made = await grid.ok('dispatch', 'proxyCreate', {
      ...wishInput({ title: '路灯不亮晚上不敢出门', location: NEXT_DOOR }), channel: 'phone', beneficiary: { name: '李奶奶', phone: '13900001111' },
    });
    expect(made.similar.map((x: any) => x.id)).toContain(wish.id);
  });

  test('a malformed lookup is refused with the field named', async () => {
    const neighbour = await server.login('resident2');
    const r = await neighbour.call('wishes', 'similar', { category: 'repair', location: { type: 'Point', coordinates: [200, 31] } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(!r.body.ok && r.body.error.details.fields[0].path).toContain('location');
  });
});
