import { randomUUID } from 'node:crypto';
import { startTestServer, wishInput, type Client, type TestServer } from './harness';

let server: TestServer;
let volunteers: Client[];

beforeAll(async () => {
  server = await startTestServer({ config: { rateLimitPerMinute: 10_000 } as never });
  const now = new Date();
  await server.db.collection('users').insertMany(
    Array.from({ length: 200 }, (_, i) => ({
      _id: `u-crowd-${i}`,
      devKey: `crowd_${i}`,
      name: `志愿者${i}`,
      memberships: [{ communityId: 'com-taoyuan', townId: 'town-huayuan', roles: ['volunteer'] }],
      createdAt: now,
    })) as never[],
  );
  volunteers = [];
  for (let i = 0; i < 200; i++) volunteers.push(await server.login(`crowd_${i}`));
  await (await server.login('secretary')).ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
});
afterAll(() => server?.stop());

async function openWish(helpersNeeded: number): Promise<string> {
  const resident = await server.login('resident');
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: `需要 ${helpersNeeded} 位志愿者`, helpersNeeded }));
  await (await server.login('secretary')).ok('dispatch', 'approve', { wishId: wish.id });
  return wish.id;
}

/**
 * One tap each, as the app sends it: with a requestId, sent again with the same id while the gateway answers
 * 503 UNAVAILABLE (past its deadline on a busy machine; the claim may still commit, and the same id then finds its
 * reply). The replies are each caller's final answer.
 */
async function claimOnce(v: Client, wishId: string) {
  const requestId = `claim-${randomUUID()}`;
  for (let attempt = 1; ; attempt++) {
    const r = await v.call('tasks', 'claim', { wishId }, requestId);
    if (r.body.ok || r.body.error.code !== 'UNAVAILABLE' || attempt === 8) return r;
    await new Promise((res) => setTimeout(res, 500 * attempt));
  }
}

async function claimAll(wishId: string) {
  const replies = await Promise.all(volunteers.map((v) => claimOnce(v, wishId)));
  const codes = replies.map((r) => (r.body.ok ? 'OK' : r.body.error.code));
  const winners = volunteers.filter((_, i) => codes[i] === 'OK').map((v) => v.user.id as string);
  return { winners, codes };
}

describe('claims under real concurrency', () => {
  test('200 volunteers claim a one-place wish at once: exactly one wins, every other is told it is already claimed', async () => {
    const wishId = await openWish(1);
    const { winners, codes } = await claimAll(wishId);
    expect(winners).toHaveLength(1);
    expect(codes.filter((c) => c === 'ALREADY_CLAIMED')).toHaveLength(199);
    const detail = await (await server.login('secretary')).ok('wishes', 'detail', { wishId });
    expect(detail.wish).toMatchObject({ status: 'claimed', slotsFree: 0 });
    expect(detail.wish.claims).toHaveLength(1);
    expect(detail.events.filter((e: any) => e.action === 'claim')).toHaveLength(1);
  });

  test('a five-place wish gets exactly five helpers, all different; every other one is told there is no place left', async () => {
    const wishId = await openWish(5);
    const { winners, codes } = await claimAll(wishId);
    expect(new Set(winners).size).toBe(5);
    expect(codes.filter((c) => c === 'ALREADY_CLAIMED')).toHaveLength(195);
    const detail = await (await server.login('secretary')).ok('wishes', 'detail', { wishId });
    const holders = detail.wish.claims.map((c: any) => c.claimerId);
    expect(holders).toHaveLength(5);
    expect([...holders].sort()).toEqual([...winners].sort());
    expect(detail.wish.slotsFree).toBe(0);
    expect(detail.events.filter((e: any) => e.action === 'claim')).toHaveLength(5);
  }, 180_000);

  test('one volunteer tapping claim ten times at once holds one place', async () => {
    const wishId = await openWish(3);
    const v = volunteers[7];
    const replies = await Promise.all(Array.from({ length: 10 }, () => v.call('tasks', 'claim', { wishId })));
    expect(replies.filter((r) => r.body.ok)).toHaveLength(1);
    const detail = await (await server.login('secretary')).ok('wishes', 'detail', { wishId });
    expect(detail.wish).toMatchObject({ slotsFree: 2 });
  });
});
