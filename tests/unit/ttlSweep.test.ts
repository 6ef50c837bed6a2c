/**
 * The embedded database's TTL sweep deletes what has expired, but a backlog (a day of expiries
 * after downtime) goes over several sweeps: each sweep stops when its time is used up.
 */
import { Engine, type LogRecord } from '../../server/db/storage/engine';
import { sweepExpired } from '../../server/db/commands/ttl';

function requestsWith(expired: number, fresh: number): Engine {
  const engine = new Engine();
  const log: LogRecord[] = [];
  const c = engine.createCollection('app.requests', {}, log);
  engine.createIndex('app.requests', { name: 'createdAt_1', key: { createdAt: 1 }, expireAfterSeconds: 60 }, log);
  const now = Date.now();
  for (let i = 0; i < expired; i++) engine.insert(c, { _id: `old${i}`, createdAt: new Date(now - 3_600_000 - i) }, log);
  for (let i = 0; i < fresh; i++) engine.insert(c, { _id: `new${i}`, createdAt: new Date(now) }, log);
  return engine;
}

const left = (engine: Engine) => [...engine.get('app.requests')!.docs.values()].map((d) => String(d._id));

describe('TTL sweep', () => {
  test('with time to spare, one sweep deletes every expired document and nothing else', () => {
    const engine = requestsWith(300, 5);
    const log = sweepExpired(engine, Date.now(), 10_000);
    expect(log.length).toBeGreaterThanOrEqual(300);
    expect(left(engine).sort()).toEqual(['new0', 'new1', 'new2', 'new3', 'new4']);
  });

  test('out of time, a sweep stops after what it has deleted, and the next sweeps finish the backlog', () => {
    const engine = requestsWith(300, 5);
    sweepExpired(engine, Date.now(), 0);
    expect(left(engine)).toHaveLength(304);
    let sweeps = 1;
    while (left(engine).length > 5) {
      sweepExpired(engine, Date.now(), 0);
      sweeps++;
    }
    expect(sweeps).toBe(300);
    expect(left(engine).every((id) => id.startsWith('new'))).toBe(true);
  });
});
