/**
 * H1 of issue 11, as an attacker would try it: a volunteer and a plain resident ask from many
 * chosen points, with chosen radii and limits, and read every reply that carries a distance or a
 * position (tasks.nearby, wishes.similar, wishes.detail). Then every wish moves to the other side
 * of its ~100 m cell and they ask again. The replies must be the same, so no combination of them
 * can place a home closer than its cell: the two positions of the target are ~130 m apart.
 *
 * A crowd of wishes in the next cell is nearer the probe than the target in one world and
 * farther in the other: a list cut by exact distance (the store's nearest few) would show it.
 */
import { metresBetween } from '@shared';
import { startRoomyTestServer, wishInput, type Client, type TestServer } from './harness';

let server: TestServer;
let volunteer: Client;
let neighbour: Client;

/** Far from the seeded wishes (~5 km east of the community's centre), so only these are near. */
const X_CELL = [114.045, 31.255] as const;
const CROWD_CELL = [114.043, 31.257] as const;
const CROWD = 24;
/** 0.00044° inside a 0.001° cell: every position below coarsens to its cell's point. */
const IN = 0.00044;

type Pt = [number, number];
/** World A: the target at its cell's north-east corner, the crowd at its cell's south edge; world B the other way round. */
const target = { A: [X_CELL[0] + IN, X_CELL[1] + IN] as Pt, B: [X_CELL[0] - IN, X_CELL[1] - IN] as Pt };
const crowdAt = (world: 'A' | 'B', i: number): Pt => [CROWD_CELL[0] + ((i % 9) - 4) * 0.0001, CROWD_CELL[1] + (world === 'A' ? -IN : IN)];

let targetId: string;
const crowdIds: string[] = [];

beforeAll(async () => {
  server = await startRoomyTestServer();
  const resident = await server.login('resident');
  const secretary = await server.login('secretary');
  const post = async (title: string, coordinates: Pt) => {
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title, category: 'daily_help', buildingId: undefined, address: undefined, location: { type: 'Point', coordinates } }));
    await secretary.ok('dispatch', 'approve', { wishId: wish.id });
    return wish.id as string;
  };
  targetId = await post('帮忙搬一下米', target.A);
  // The crowd is copied in the store: the daily limit allows fewer posts than it needs.
  const wishes = server.db.collection<{ _id: string; title: string; location: unknown; number: string }>('wishes');
  const template = (await wishes.findOne({ _id: await post('楼下路灯不亮', crowdAt('A', 0)) }))!;
  crowdIds.push(template._id);
  for (let i = 1; i < CROWD; i++) {
    const _id = `${template._id}c${i}`;
    await wishes.insertOne({ ...template, _id, number: `${template.number}-${i}`, title: `楼下路灯不亮${i}`, location: { type: 'Point', coordinates: crowdAt('A', i) } });
    crowdIds.push(_id);
  }
  volunteer = await server.login('volunteer');
  neighbour = await server.login('resident2');
});
afterAll(() => server?.stop());

async function moveTo(world: 'A' | 'B') {
  const wishes = server.db.collection<{ _id: string }>('wishes');
  await wishes.updateOne({ _id: targetId }, { $set: { location: { type: 'Point', coordinates: target[world] } } });
  for (const [i, _id] of crowdIds.entries()) await wishes.updateOne({ _id }, { $set: { location: { type: 'Point', coordinates: crowdAt(world, i) } } });
}

/** Where the attacker stands: between the cells, and on rings around the target 100 m to 800 m out. */
function probes(): Pt[] {
  const out: Pt[] = [[114.043, 31.255], [114.044, 31.256], [114.0445, 31.2552], [X_CELL[0], X_CELL[1]]];
  for (const r of [0.001, 0.003, 0.008]) {
    for (let k = 0; k < 8; k++) out.push([X_CELL[0] + r * Math.cos((k * Math.PI) / 4 + r * 100), X_CELL[1] + r * Math.sin((k * Math.PI) / 4 + r * 100)]);
  }
  return out;
}

/** Everything the two attackers are told, in order. */
async function replies(): Promise<unknown[]> {
  const seen: unknown[] = [];
  for (const [lng, lat] of probes()) {
    for (const [radiusM, limit] of [[2000, 1], [2000, 5], [300, 20], [150, 50]] as const) {
      seen.push(await volunteer.ok('tasks', 'nearby', { lng, lat, radiusM, limit }));
    }
    seen.push(await neighbour.ok('wishes', 'similar', { category: 'daily_help', location: { type: 'Point', coordinates: [lng, lat] } }));
  }
  seen.push(await volunteer.ok('wishes', 'detail', { wishId: targetId }));
  return seen;
}

describe('H1: no combination of replies places a home closer than its cell', () => {
  test('the target’s two positions are far enough apart to matter', () => {
    expect(metresBetween(target.A, target.B)).toBeGreaterThan(120);
  });

  test('a volunteer and a neighbour asking from 28 points, with radii and limits of their choosing, are told the same in both worlds', async () => {
    await moveTo('A');
    const a = await replies();
    await moveTo('B');
    const b = await replies();
    expect(b).toEqual(a);
    // The probes did reach the target: it is listed, and first from the point between the cells.
    const between = a[0] as { items: { id: string }[] };
    expect(between.items.map((i) => i.id)).toEqual([targetId]);
    expect(JSON.stringify(a)).toContain(targetId);
    const detail = a.at(-1) as { wish: Record<string, unknown> };
    expect(detail.wish.buildingId).toBeUndefined();
    expect(detail.wish.gridId).toBeUndefined();
  });
});
