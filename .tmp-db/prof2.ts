import { MongoClient } from 'mongodb';
(async () => {
  const client = await new MongoClient(process.argv[2], { maxPoolSize: 32 }).connect();
  const c = client.db('b').collection('x');
  const t3 = Date.now(); let n = 0;
  while (Date.now() - t3 < 2000) { await client.db('admin').command({ ping: 1 }); n++; }
  console.log('ping ms', (Date.now() - t3) / n);
  let done = 0; let stop = false; setTimeout(() => (stop = true), 4000);
  const t = Date.now();
  await Promise.all(Array.from({ length: 32 }, async (_, w) => { for (let i = 0; !stop; i++) { await c.insertOne({ w, i, note: 'x'.repeat(200) }); done++; } }));
  console.log('ops/s', done / ((Date.now() - t) / 1000));
  await client.close();
})();
