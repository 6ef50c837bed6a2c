import { ObjectId } from 'mongodb';
import { startServer } from '../server/main';
const CENTER = [113.9935, 31.2525] as const;
async function main() {
  const server = await startServer({
    port: 0, host: '127.0.0.1', mode: 'local', dbPath: ':memory:', embedded: 'process', seed: true, cronIntervalMs: 0,
    mongoUri: '', mongoDb: `xinyuan_trace_${Date.now()}`, config: { rateLimitPerMinute: 100_000_000 } as never,
  });
  const db = server.runtime.db;
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    return (await res.json()) as any;
  };
  const now = new Date();
  await db.collection('users').insertMany([{ _id: 'u-bv', devKey: 'bv', name: 'bv', createdAt: now, memberships: [{ communityId: 'com-taoyuan', townId: 'town-huayuan', roles: ['volunteer'] }] }, { _id: 'u-br', devKey: 'br', name: 'br', createdAt: now, memberships: [{ communityId: 'com-taoyuan', townId: 'town-huayuan', roles: ['resident'] }] }] as never[]);
  const tok = (await post('/api/auth/dev-login', { as: 'bv' })).data.token;
  const res = (await post('/api/auth/dev-login', { as: 'br' })).data.token;
  const sec = (await post('/api/auth/dev-login', { as: 'secretary' })).data.token;
  const ids: string[] = [];
  for (let b = 0; b < 5; b++) {
    const batch = [];
    for (let i = 0; i < 2000; i++) {
      const _id = new ObjectId().toHexString(); ids.push(_id);
      batch.push({ _id, communityId: 'com-taoyuan', townId: 'town-huayuan', category: 'daily_help', title: `t ${i}`, description: 'x',
        location: { type: 'Point', coordinates: [CENTER[0] + (Math.random() - 0.5) * 0.04, CENTER[1] + (Math.random() - 0.5) * 0.04] },
        helpersNeeded: 1, slotsFree: 1, channel: 'miniprogram', anonymous: false, priority: 'normal', status: 'open',
        ownerId: 'u-resident', createdBy: 'u-resident', claims: [], rev: 0, openedAt: now, createdAt: now, updatedAt: now, events: [] });
    }
    await db.collection('wishes').insertMany(batch as never[]);
  }
  const nb = () => post('/api/fn/tasks', { action: 'nearby', data: { lng: CENTER[0], lat: CENTER[1], radiusM: 3000, limit: 20 } }, tok);
  await nb(); await post('/api/fn/tasks', { action: 'claim', data: { wishId: ids[0] } }, tok);
  await new Promise((r) => setTimeout(r, 300));
  for (const [label, f] of [
    ['NEARBY', nb],
    ['CLAIM', () => post('/api/fn/tasks', { action: 'claim', data: { wishId: ids[1] } }, tok)],
    ['CREATE', async () => { const c = await post('/api/fn/wishes', { action: 'create', data: { category: 'repair', title: '压测全流程', description: '压测全流程心愿', location: { type: 'Point', coordinates: [...CENTER] } } }, res); ids.push(c.data.wish.id); return c; }],
    ['APPROVE', () => post('/api/fn/dispatch', { action: 'approve', data: { wishId: ids[ids.length - 1] } }, sec)],
    ['CLAIM2', () => post('/api/fn/tasks', { action: 'claim', data: { wishId: ids[ids.length - 1] } }, tok)],
    ['START', () => post('/api/fn/tasks', { action: 'start', data: { wishId: ids[ids.length - 1] } }, tok)],
    ['COMPLETE', () => post('/api/fn/tasks', { action: 'complete', data: { wishId: ids[ids.length - 1], note: 'ok' } }, tok)],
    ['CONFIRM', () => post('/api/fn/wishes', { action: 'confirm', data: { wishId: ids[ids.length - 1] } }, res)],
  ] as const) {
    process.stderr.write(`==== ${label}\n`);
    const r = await (f as any)();
    await new Promise((r) => setTimeout(r, 200));
    process.stderr.write(`==== /${label} ok=${r.ok} ${r.ok ? '' : JSON.stringify(r.error)}\n`);
  }
  await server.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
