import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../server/db';
(async () => {
  const server = await startEmbeddedMongo({ port: 0 });
  const client = await new MongoClient(server.uri, { maxPoolSize: 32 }).connect();
  const c = client.db('b').collection('x');
  let done = 0; let stop = false; setTimeout(() => (stop = true), 4000);
  const t = Date.now();
  await Promise.all(Array.from({ length: 32 }, async (_, w) => { for (let i = 0; !stop; i++) { await c.insertOne({ w, i, note: 'x'.repeat(200) }); done++; } }));
  console.log('ops/s', done / ((Date.now() - t) / 1000));
  const t2 = Date.now(); let n = 0;
  while (Date.now() - t2 < 2000) { await c.findOne({ w: 1, i: 5 }); n++; }
  console.log('seq findOne(scan 1 coll) per ms', (Date.now() - t2) / n);
  const t3 = Date.now(); n = 0;
  while (Date.now() - t3 < 2000) { await client.db('admin').command({ ping: 1 }); n++; }
  console.log('ping ms', (Date.now() - t3) / n);
  await client.close(); await server.stop();
})();
