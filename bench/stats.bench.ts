/**
 * The statistics as data grows (issue 12): stats.overview for a town of five communities at 1k and at 100k wishes
 * (target: 100k costs no more than 1.5× 1k), over the whole history, one month, and a 30-day window whose ends fall
 * inside days (those parts counted from the events); rebuilding the counters from the events; and a volunteer's
 * 志愿服务证明: counting their hours and drawing the PDF. The database runs in its own process, as the gateway runs it.
 */
import os from 'node:os';
import { chinaMonthRange, recentChinaMonths, type Category } from '@shared';
import { withPdf } from '../cloudfunctions/certificates/actions/common';
import { overviewOf } from '../cloudfunctions/_core/stats/overview';
import { rebuildCounters } from '../cloudfunctions/_core/stats/rebuild';
import { connect } from '../cloudfunctions/_core/store/connect';
import { repositoriesOf, type Repositories } from '../cloudfunctions/_core/store/repositories';
import type { Runtime } from '../cloudfunctions/_core/runtime/types';
import { startEmbeddedProcess } from '../server/embeddedProcess';

const COMMUNITIES = Array.from({ length: 5 }, (_, i) => `com-bench-${i}`);
const HELPERS_PER_COMMUNITY = 60;
const GRIDS = 10;
const CATEGORIES: Category[] = ['repair', 'daily_help', 'companionship', 'medical_trip', 'health', 'material'];
const DAY = 86_400_000;
/** Small batches: a large insert holds the database process long enough, on a busy machine, for the driver to give up on it. */
const BATCH = 250;
const NOW = new Date('2026-12-06T12:00:00+08:00');

let seed = 20261206;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pickOf = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];

/** A year of a town's wishes as the functions would have stored them: their steps, services and ratings. */
function town(n: number) {
  const wishes: Record<string, unknown>[] = [];
  const services: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const communityId = COMMUNITIES[i % COMMUNITIES.length];
    const _id = `w-${n}-${String(i).padStart(7, '0')}`;
    const createdAt = new Date(NOW.getTime() - rnd() * 365 * DAY);
    const r = rnd();
    const status = r < 0.7 ? 'confirmed' : r < 0.8 ? 'done' : r < 0.88 ? 'open' : r < 0.95 ? 'pending_review' : 'cancelled';
    const at = (h: number) => new Date(Math.min(NOW.getTime() - 60_000, createdAt.getTime() + h * 3_600_000));
    const ev = (action: string, from: string | null, to: string, h: number) => ({ id: `${_id}-${action}`, wishId: _id, communityId, action, from, to, at: at(h), actor: { kind: 'system' } });
    const events = [ev('create', null, 'pending_review', 0)];
    if (status !== 'pending_review' && status !== 'cancelled') events.push(ev('approve', 'pending_review', 'open', 2));
    if (status === 'cancelled') events.push(ev('cancel', 'pending_review', 'cancelled', 3));
    const helper = `u-${communityId}-${Math.floor(rnd() * HELPERS_PER_COMMUNITY)}`;
    if (status === 'done' || status === 'confirmed') {
      events.push(ev('claim', 'open', 'claimed', 6), ev('start', 'claimed', 'in_progress', 24), ev('complete', 'in_progress', 'done', 27));
    }
    const category = pickOf(CATEGORIES);
    const gridId = `grid-${communityId}-${Math.floor(rnd() * GRIDS)}`;
    let rating: { stars: number; by: string; at: Date } | undefined;
    if (status === 'confirmed') {
      events.push(ev('confirm', 'done', 'confirmed', 72));
      if (rnd() < 0.5) {
        rating = { stars: 3 + Math.floor(rnd() * 3), by: 'u-resident', at: at(80) };
        events.push(ev('rate', 'confirmed', 'confirmed', 80));
      }
      const hours = 0.5 + Math.floor(rnd() * 6) / 2;
      services.push({
        _id: `${_id}:${helper}`, communityId, wishId: _id, userId: helper, category, gridId, hours, at: at(27), confirmedAt: at(72),
        ...(rnd() < 0.3 ? { unitId: `unit-${communityId}-${Math.floor(rnd() * 5)}` } : {}), partyBranchId: `pb-${communityId}-${Math.floor(rnd() * 4)}`,
      });
    }
    wishes.push({ _id, communityId, townId: 'town-bench', title: '基准心愿', category, channel: 'miniprogram', gridId, status, createdAt, updatedAt: at(80), events, claims: [], rev: events.length, ...(rating ? { rating } : {}) });
  }
  return { wishes, services };
}

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function timeEach(n: number, fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { p50: pct(samples, 50), p99: pct(samples, 99) };
}

const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const ms = (x: number) => `${x.toFixed(2)} ms`;

const lastMonth = chinaMonthRange(recentChinaMonths(NOW, 2)[1]);
const WINDOWS = {
  'whole history': {},
  [`one month (${recentChinaMonths(NOW, 2)[1]})`]: lastMonth,
  '30 days from 09:30': { from: new Date(NOW.getTime() - 30 * DAY - 2.5 * 3_600_000).toISOString(), to: NOW.toISOString() },
};

async function measure(repos: Repositories, n: number) {
  const rt = { repos } as unknown as Runtime;
  const results: Record<string, { p50: number; p99: number }> = {};
  for (const [name, range] of Object.entries(WINDOWS)) results[name] = await timeEach(40, () => overviewOf(rt, COMMUNITIES, range));
  const check = await overviewOf(rt, COMMUNITIES, {});
  console.log(`  ${n} wishes: whole history counts collected ${check.collected}, confirmed ${check.confirmed}, services ${check.serviceCount}, helpers ${check.helpers}`);
  return results;
}

async function main(): Promise<void> {
  const cpus = os.cpus().length;
  const before = os.loadavg()[0];
  console.log(`load average before: ${load()} (${cpus} cores)`);
  const db = await startEmbeddedProcess(':memory:');
  const figures: Record<number, Record<string, { p50: number; p99: number }>> = {};
  let cert: { count: { p50: number }; pdf: { p50: number } } | undefined;
  try {
    for (const n of [1_000, 100_000]) {
      const conn = await connect(db.uri, `bench_stats_${n}`);
      const repos = repositoriesOf(conn.db);
      const data = town(n);
      let t = Date.now();
      for (let i = 0; i < data.wishes.length; i += BATCH) await conn.db.collection('wishes').insertMany(data.wishes.slice(i, i + BATCH) as never[]);
      for (let i = 0; i < data.services.length; i += BATCH) await conn.db.collection('services').insertMany(data.services.slice(i, i + BATCH) as never[]);
      console.log(`  ${n} wishes, ${data.services.length} services stored in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      t = Date.now();
      const built = await rebuildCounters(repos, { fix: true });
      console.log(`  counters built from the events: ${built.documents} documents in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      figures[n] = await measure(repos, n);
      if (n === 100_000) {
        const helper = `u-${COMMUNITIES[0]}-7`;
        const year = { from: '2026-01-01T00:00:00+08:00', to: NOW.toISOString() };
        const count = await timeEach(20, () => repos.services.ofHelper(helper, COMMUNITIES[0], year));
        const served = await repos.services.ofHelper(helper, COMMUNITIES[0], year);
        const doc = { _id: 'ZY-20261206-BENCH000', holderId: helper, holderName: '李志愿', communityId: COMMUNITIES[0], communityName: '桃源社区', from: new Date(year.from), to: NOW, hours: served.hours, services: served.services, issuedAt: NOW };
        const pdf = await timeEach(10, () => withPdf(doc));
        cert = { count, pdf };
      }
      await conn.db.dropDatabase();
      await conn.close();
    }
  } finally {
    await db.stop();
  }
  console.log('\nstats.overview, a town of 5 communities (p50 / p99 of 40 calls after 5 warm-ups):');
  console.log('| window | 1k wishes | 100k wishes | 100k / 1k (target ≤ 1.5) |');
  console.log('| --- | --- | --- | --- |');
  for (const name of Object.keys(WINDOWS)) {
    const a = figures[1_000][name];
    const b = figures[100_000][name];
    console.log(`| ${name} | ${ms(a.p50)} / ${ms(a.p99)} | ${ms(b.p50)} / ${ms(b.p99)} | ${(b.p50 / a.p50).toFixed(2)} |`);
  }
  if (cert) console.log(`\n志愿服务证明 at 100k wishes: counting a helper's year ${ms(cert.count.p50)} (p50), the PDF ${ms(cert.pdf.p50)} (p50 of 10)`);
  const after = os.loadavg()[0];
  console.log(`\nload average after: ${load()}; ${Math.max(before, after) > cpus ? `the machine was busy (load above its ${cpus} cores): figures are slower and noisier than on an idle machine` : 'the machine was not busy'}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
