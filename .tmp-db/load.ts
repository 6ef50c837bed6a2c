import { MongoClient } from 'mongodb';
(async () => {
  const c = await new MongoClient('mongodb://127.0.0.1:28111/?replicaSet=rs0').connect();
  const col = c.db('l').collection('d');
  let n = 0; const t = Date.now();
  await Promise.all(Array.from({ length: 32 }, async (_, w) => { for (let i = 0; Date.now() - t < 3000; i++) { await col.insertOne({ w, i, p: 'x'.repeat(2000) }); n++; } }));
  console.log('inserted', n, 'ops/s', n / 3);
  await c.close();
})();
