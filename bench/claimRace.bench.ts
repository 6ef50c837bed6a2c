/**
 * 200 helpers tap 认领 on one five-place wish at the same moment, each claim with a requestId as the app sends it
 * (client/src/services/api.ts), against the gateway over the embedded database (MONGODB_URI: a real one). Reports
 * what each first reply was (OK, ALREADY_CLAIMED, UNAVAILABLE…), how many resends with the same requestId a 503
 * took before a clear answer, the places held at the end, and wall time. A second round claims the full wish again:
 * every claim is then refused before any transaction starts.
 *   npm run bench -- claimRace        BENCH_CLAIMERS=200  BENCH_PLACES=5  BENCH_ROUNDS=3
 */
import { randomUUID } from 'node:crypto';
import { startServer } from '../server/main';

const CLAIMERS = Number(process.env.BENCH_CLAIMERS ?? 200);
const PLACES = Number(process.env.BENCH_PLACES ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** A person resends a shed claim a few times, waiting longer each time, before giving up. */
const RESENDS = 8;

interface Reply {
  status: number;
  body: { ok: true; data: any } | { ok: false; error: { code: string; message: string } };
}

async function post(url: string, token: string | undefined, body: unknown): Promise<Reply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Reply['body'] };
}

const codeOf = (r: Reply) => (r.body.ok ? 'OK' : r.body.error.code);
const tally = (codes: string[]) => Object.entries(codes.reduce<Record<string, number>>((m, c) => ((m[c] = (m[c] ?? 0) + 1), m), {})).map(([c, n]) => `${c} ${n}`).join(', ');

async function main() {
  const server = await startServer({
    port: 0, host: '127.0.0.1', mode: 'local', dbPath: ':memory:', cronIntervalMs: 0, seed: true, seedDutyRosters: false,
    ...(process.env.MONGODB_URI ? { mongoUri: process.env.MONGODB_URI, mongoDb: `xinyuan_bench_${Date.now()}` } : { mongoUri: '' }),
    config: { rateLimitPerMinute: 100_000 } as never,
    env: { ...process.env, NODE_ENV: 'test' },
  });
  const login = async (as: string) => (await post(`${server.url}/api/auth/dev-login`, undefined, { as })).body as any;
  const call = (token: string, fn: string, action: string, data: unknown, requestId?: string) =>
    post(`${server.url}/api/fn/${fn}`, token, { action, data, ...(requestId ? { requestId } : {}) });
  try {
    const now = new Date();
    await server.db.collection('users').insertMany(
      Array.from({ length: CLAIMERS }, (_, i) => ({
        _id: `u-bench-${i}`, devKey: `bench_${i}`, name: `志愿者${i}`, createdAt: now,
        memberships: [{ communityId: 'com-taoyuan', townId: 'town-huayuan', roles: ['volunteer'] }],
      })) as never[],
    );
    const tokens: string[] = [];
    for (let i = 0; i < CLAIMERS; i++) tokens.push((await login(`bench_${i}`)).data.token);
    const secretary = (await login('secretary')).data.token;
    const resident = (await login('resident')).data.token;
    await call(secretary, 'org', 'updateSettings', { settings: { postsPerDay: 50 } });

    for (let round = 1; round <= ROUNDS; round++) {
      const created = await call(resident, 'wishes', 'create', {
        category: 'repair', title: `需要 ${PLACES} 位志愿者`, description: '阳台的升降晾衣架卡住了，需要有人帮忙修理。',
        location: { type: 'Point', coordinates: [113.9951, 31.2527] }, address: '桃源小区G5栋2单元301室', buildingId: 'bld-g5',
        contactPhone: '13807120001', helpersNeeded: PLACES,
      });
      if (!created.body.ok) throw new Error(JSON.stringify(created.body));
      const wishId = created.body.data.wish.id;
      await call(secretary, 'dispatch', 'approve', { wishId });

      const first: string[] = [];
      const final: string[] = [];
      let resends = 0;
      const started = performance.now();
      await Promise.all(tokens.map(async (token) => {
        const requestId = `claim-${randomUUID()}`;
        for (let attempt = 1; ; attempt++) {
          const r = await call(token, 'tasks', 'claim', { wishId }, requestId);
          if (attempt === 1) first.push(codeOf(r));
          if (codeOf(r) !== 'UNAVAILABLE' || attempt === RESENDS) return void final.push(codeOf(r));
          resends++;
          await new Promise((res) => setTimeout(res, 500 * attempt));
        }
      }));
      const wallMs = performance.now() - started;

      // The wish is full now: the same crowd again, each with a fresh requestId.
      const againStarted = performance.now();
      const again = await Promise.all(tokens.map(async (token) => codeOf(await call(token, 'tasks', 'claim', { wishId }, `claim-${randomUUID()}`))));
      const againMs = performance.now() - againStarted;

      const detail = (await call(secretary, 'wishes', 'detail', { wishId })).body as any;
      const holders = detail.data.wish.claims.map((c: any) => c.claimerId);
      console.log(`round ${round}: ${CLAIMERS} claims on ${PLACES} places, wall ${(wallMs / 1000).toFixed(2)} s`);
      console.log(`  first replies: ${tally(first)}`);
      console.log(`  after resending 503s with the same requestId (${resends} resends): ${tally(final)}`);
      console.log(`  places held: ${holders.length} by ${new Set(holders).size} different helpers`);
      console.log(`  the full wish claimed again by all ${CLAIMERS}: ${tally(again)} in ${(againMs / 1000).toFixed(2)} s`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
