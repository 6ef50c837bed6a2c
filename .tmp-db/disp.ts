import { ObjectId, serialize, deserialize } from 'bson';
import { Engine } from '../server/db/storage/engine';
import { MongoWireServer } from '../server/db/server';
(async () => {
  const e = new Engine();
  const s = new MongoWireServer(e, { commit: () => null }, 'rs0');
  const d = s.dispatcher;
  const lsid = { id: new (require('bson').Binary)(Buffer.alloc(16, 1), 4) };
  let t = performance.now();
  const N = 50000;
  for (let i = 0; i < N; i++) {
    const cmd = deserialize(serialize({ insert: 'x', documents: [{ _id: new ObjectId(), w: 1, i, note: 'x'.repeat(200), location: { type: 'Point', coordinates: [114, 22] } }], ordered: true, lsid, txnNumber: i + 1, $db: 'b' }));
    const r = await d.run(cmd, 'b', 1);
    serialize(r);
  }
  console.log('insert µs/op', ((performance.now() - t) * 1000) / N);
  t = performance.now();
  for (let i = 0; i < N; i++) {
    const cmd = deserialize(serialize({ find: 'x', filter: { i: 5 }, limit: 1, singleBatch: true, lsid, $db: 'b' }));
    if (i > 2000) break;
    serialize(await d.run(cmd, 'b', 1));
  }
  console.log('scan find over 50k µs/op', ((performance.now() - t) * 1000) / 2000);
})();
