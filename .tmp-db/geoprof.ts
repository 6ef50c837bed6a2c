import { Engine } from '../server/db/storage/engine';
import { LiveView } from '../server/db/query/view';
import { runQuery } from '../server/db/query/execute';
import { ObjectId } from 'bson';
let seed = 12345;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const point = () => ({ type: 'Point', coordinates: [114.05 + (rnd() - 0.5) * 0.4, 22.55 + (rnd() - 0.5) * 0.4] });
for (const n of [1000, 100000]) {
  const e = new Engine();
  const log: any[] = [];
  e.createIndex('b.w', { name: 'loc', key: { location: '2dsphere' } }, log);
  e.createIndex('b.w', { name: 'email', key: { email: 1 }, unique: true }, log);
  const c = e.get('b.w')!;
  let t = Date.now();
  for (let i = 0; i < n; i++) e.insert(c, { _id: new ObjectId(), email: `u${i}`, location: point() }, log);
  console.log(n, 'insert ms', Date.now() - t);
  const v = new LiveView(e);
  t = performance.now();
  for (let i = 0; i < 500; i++) runQuery(v, c, { location: { $near: { $geometry: point() } } }, { limit: 50 });
  console.log(n, 'near ms/op', (performance.now() - t) / 500, (c.geo[0] as any).cellDeg, (c.geo[0] as any).cells.size);
  t = performance.now();
  for (let i = 0; i < 5000; i++) runQuery(v, c, { email: `u${i % n}` }, { limit: 1 });
  console.log(n, 'find ms/op', (performance.now() - t) / 5000);
}
