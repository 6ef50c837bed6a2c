/**
 * Soak: the mixed loop (post, approve, claim, start, complete, confirm, with nearby and detail reads beside it) at a
 * steady rate for a long while, the gateway killed with SIGKILL halfway and started again over the same database.
 * Clients behave as the app does: a write keeps its requestId and is sent again after a network error or a 503, and
 * an access token past its 15 minutes is renewed with the refresh token and the call sent again.
 *   npm run bench -- soak            (10 minutes; SOAK_MINUTES=3 for a shorter run)
 * Reports errors by code, acknowledged writes missing from the database (must be 0) or present twice, the outage,
 * and the resident memory of each process at its start and end.
 * SOAK_MINUTES=10  SOAK_LOOPS_PER_S=3  SOAK_READS_PER_S=12  SOAK_PORT=41750
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { MongoClient } from 'mongodb';
import { startEmbeddedProcess } from '../server/embeddedProcess';
import { startGatewayProcess, type GatewayProcess } from '../tests/integration/gatewayProcess';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const LOOPS_PER_S = Number(process.env.SOAK_LOOPS_PER_S ?? 3);
const READS_PER_S = Number(process.env.SOAK_READS_PER_S ?? 12);
const PORT = process.env.SOAK_PORT ?? '41750';
/** How long a client keeps retrying one write before it gives up (a transaction left open by the kill holds a wish up to 60 s). */
const GIVE_UP_MS = 90_000;
const HELPERS = 50;
const RESIDENTS = 500;
const CENTER = [113.9935, 31.2525] as const;
const DB = `xinyuan_soak_${Date.now()}`;
/** Warm-up loops are numbered from here, apart from the measured ones. */
const WARM_UP = 1_000_000;
const ENV = { TOKEN_SECRET: 's'.repeat(48), PORT };

function rssMiB(pid: number | undefined): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
const mib = (v: number | undefined) => (v === undefined ? '?' : `${v.toFixed(0)} MiB`);

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const url = `http://127.0.0.1:${PORT}`;
interface Answer { status: number; body: { ok: boolean; data?: any; error?: { code: string } } }
function post(path: string, body: unknown, token?: string): Promise<Answer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(url + path, {
      method: 'POST', agent, timeout: 30_000,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) });
        } catch (err) {
          reject(err);
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

const errors = new Map<string, number>();
const countError = (code: string) => errors.set(code, (errors.get(code) ?? 0) + 1);
let calls = 0;
let retries = 0;
let renewals = 0;

/** A signed-in person as the app keeps them: the access token and the refresh token that renews it. */
interface Who { token: string; refreshToken: string; renewing?: Promise<void> }

/** One renewal at a time per person, as the app does: a refresh token works once. */
function renew(who: Who, expired: string): Promise<void> {
  if (who.token !== expired) return Promise.resolve();
  who.renewing ??= post('/api/auth/refresh', { refreshToken: who.refreshToken })
    .then((r) => {
      if (!r.body.ok) throw new Error(`refresh refused: ${r.body.error?.code}`);
      renewals++;
      Object.assign(who, { token: r.body.data.token, refreshToken: r.body.data.refreshToken });
    })
    .finally(() => {
      who.renewing = undefined;
    });
  return who.renewing;
}

/** One call as the app makes it: a network error or a 503 is tried again with the same requestId; an expired token is renewed once. */
async function call(fn: string, action: string, data: object, who: Who, write: boolean): Promise<Answer['body'] | undefined> {
  const requestId = write ? randomUUID() : undefined;
  const end = Date.now() + GIVE_UP_MS;
  calls++;
  let renewed = false;
  let resend = false;
  for (let attempt = 0; ; attempt++) {
    // A call sent again with a renewed token is counted as a renewal, not a retry.
    if (attempt > 0 && !resend) retries++;
    resend = false;
    let answer: Answer | undefined;
    const token = who.token;
    try {
      answer = await post(`/api/fn/${fn}`, { action, data, ...(requestId ? { requestId } : {}) }, token);
    } catch {
      answer = undefined;
    }
    if (answer?.status === 401 && answer.body.error?.code === 'TOKEN_EXPIRED' && !renewed) {
      renewed = true;
      resend = await renew(who, token).then(() => true, () => false);
      if (resend) continue;
    }
    if (answer && answer.status !== 503) {
      if (!answer.body.ok) countError(`${fn}.${action} ${answer.body.error?.code}`);
      return answer.body;
    }
    // Reads are not retried: the app shows "网络不给力" and the person pulls to refresh.
    if (!write || Date.now() > end) {
      countError(`${fn}.${action} ${answer ? 'UNAVAILABLE' : 'network'}${write ? ' (gave up)' : ''}`);
      return undefined;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Acked { wishId: string; owner: Who; steps: string[] }

async function main(): Promise<void> {
  const database = await startEmbeddedProcess(':memory:');
  const direct = await MongoClient.connect(database.uri);
  const db = direct.db(DB);
  const processes: { name: string; pid?: number; start?: number; end?: number }[] = [];
  const startGateway = async (name: string) => {
    const g = await startGatewayProcess(database.uri, DB, ENV);
    processes.push({ name, pid: g.pid });
    return g;
  };
  let gateway: GatewayProcess = await startGateway('gateway #1');

  const now = new Date();
  const people = (prefix: string, roles: string[], count: number) =>
    Array.from({ length: count }, (_, i) => ({
      _id: `u-${prefix}-${i}`, devKey: `${prefix}_${i}`, name: `${prefix}${i}`, createdAt: now,
      memberships: [{ communityId: 'com-taoyuan', townId: 'town-huayuan', roles }],
    }));
  await db.collection('users').insertMany([...people('soakvol', ['volunteer'], HELPERS), ...people('soakres', ['resident'], RESIDENTS)] as never[]);
  const login = async (as: string): Promise<Who> => {
    const { token, refreshToken } = (await post('/api/auth/dev-login', { as })).body.data;
    return { token, refreshToken };
  };
  const helpers = await Promise.all(Array.from({ length: HELPERS }, (_, i) => login(`soakvol_${i}`)));
  const residents = await Promise.all(Array.from({ length: RESIDENTS }, (_, i) => login(`soakres_${i}`)));
  const secretary = await login('secretary');
  await post('/api/fn/org', { action: 'updateSettings', data: { settings: { postsPerDay: 1000 } } }, secretary.token);

  const acked: Acked[] = [];
  let loopsDone = 0;
  let loopsBroken = 0;
  const loop = async (i: number) => {
    const resident = residents[i % residents.length];
    const helper = helpers[i % helpers.length];
    const created = await call('wishes', 'create', { category: 'repair', title: `浸泡测试 ${i}`, description: '浸泡测试的心愿', location: { type: 'Point', coordinates: [...CENTER] } }, resident, true);
    if (!created?.ok) return void loopsBroken++;
    const wishId = created.data.wish.id as string;
    const mine: Acked = { wishId, owner: resident, steps: ['create'] };
    acked.push(mine);
    const steps: [string, string, object, Who, string][] = [
      ['dispatch', 'approve', { wishId }, secretary, 'approve'],
      ['tasks', 'claim', { wishId }, helper, 'claim'],
      ['tasks', 'start', { wishId }, helper, 'start'],
      ['tasks', 'complete', { wishId, note: '已完成' }, helper, 'complete'],
      ['wishes', 'confirm', { wishId }, resident, 'confirm'],
    ];
    for (const [fn, action, data, who, event] of steps) {
      const r = await call(fn, action, data, who, true);
      if (!r?.ok) return void loopsBroken++;
      mine.steps.push(event);
    }
    loopsDone++;
  };
  const read = async (i: number) => {
    const helper = helpers[i % helpers.length];
    const recent = acked[acked.length - 1];
    // The owner reads the timeline (a helper may not see a wish still pending review).
    if (i % 3 === 2 && recent) await call('wishes', 'detail', { wishId: recent.wishId }, recent.owner, false);
    else await call('tasks', 'nearby', { lng: CENTER[0] + (Math.random() - 0.5) * 0.01, lat: CENTER[1] + (Math.random() - 0.5) * 0.01, radiusM: 3000 }, helper, false);
  };

  // Warm-up, so the memory at start is the process serving, not the process loading.
  await Promise.all(Array.from({ length: 10 }, (_, i) => loop(WARM_UP + i)));
  processes[0].start = gateway.rssMiB();
  const dbStart = rssMiB(database.pid);

  const durationMs = MINUTES * 60_000;
  const started = Date.now();
  const running: Promise<void>[] = [];
  /** Open-loop: work leaves on a fixed schedule whether or not earlier work was answered. */
  const schedule = (perS: number, work: (i: number) => Promise<void>) =>
    new Promise<void>((resolve) => {
      let i = 0;
      const tick = () => {
        const due = started + (i * 1000) / perS;
        if (due - started >= durationMs) return resolve();
        setTimeout(() => {
          running.push(work(i++));
          tick();
        }, Math.max(0, due - Date.now()));
      };
      tick();
    });

  let outageMs = 0;
  const crash = (async () => {
    await new Promise((r) => setTimeout(r, durationMs / 2));
    processes[0].end = gateway.rssMiB();
    const t = Date.now();
    await gateway.crash();
    gateway = await startGateway('gateway #2');
    outageMs = Date.now() - t;
    processes[1].start = gateway.rssMiB();
    console.log(`  crashed gateway #1 (kill -9) at ${((t - started) / 1000).toFixed(0)} s; #2 served after ${(outageMs / 1000).toFixed(1)} s`);
  })();
  await Promise.all([schedule(LOOPS_PER_S, loop), schedule(READS_PER_S, read), crash]);
  await Promise.all(running);
  const elapsedS = (Date.now() - started) / 1000;
  processes[1].end = gateway.rssMiB();
  const dbEnd = rssMiB(database.pid);

  // Every acknowledged step must be in the database, once.
  const ids = acked.map((a) => a.wishId);
  const stored = new Map<string, { events: { action: string }[] }>();
  for (let i = 0; i < ids.length; i += 500) {
    const docs = await db.collection('wishes').find({ _id: { $in: ids.slice(i, i + 500) as never[] } }, { projection: { events: 1 } }).toArray();
    for (const d of docs) stored.set(String(d._id), d as never);
  }
  let ackedWrites = 0;
  let lost = 0;
  let twice = 0;
  for (const a of acked) {
    const events = stored.get(a.wishId)?.events ?? [];
    for (const step of a.steps) {
      ackedWrites++;
      const n = step === 'create' ? (stored.has(a.wishId) ? 1 : 0) : events.filter((e) => e.action === step).length;
      if (n === 0) lost++;
      if (n > 1) twice++;
    }
  }
  const posted = await db.collection('wishes').countDocuments({ title: { $regex: '^浸泡测试 ' } });

  console.log(`soak ${MINUTES} min at ${LOOPS_PER_S} loops/s (6 writes each) + ${READS_PER_S} reads/s, gateway killed at half time (ran ${elapsedS.toFixed(0)} s)`);
  console.log(`  calls=${calls} retries=${retries} token renewals=${renewals} loops completed=${loopsDone} broken=${loopsBroken} outage=${(outageMs / 1000).toFixed(1)} s`);
  console.log(`  acknowledged writes=${ackedWrites} lost=${lost} applied twice=${twice} wishes stored=${posted} (acknowledged creates ${acked.length}, warm-up included)`);
  console.log(`  errors: ${errors.size ? [...errors].map(([k, v]) => `${k} ×${v}`).join(', ') : 'none'}`);
  for (const p of processes) console.log(`  rss ${p.name}: start ${mib(p.start)}, end ${mib(p.end)}`);
  console.log(`  rss database: start ${mib(dbStart)}, end ${mib(dbEnd)}`);

  agent.destroy();
  await gateway.stop();
  await direct.close();
  await database.stop();
  if (lost > 0 || twice > 0) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
