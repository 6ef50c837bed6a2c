import { MongoClient, ObjectId } from 'mongodb';
import { startEmbeddedMongo } from '/work/main/server/db/index';
(async () => {
  const s = await startEmbeddedMongo({ port: 0 });
  console.log(s.uri);
  const c = new MongoClient(s.uri, { serverSelectionTimeoutMS: 3000 });
  await c.connect();
  const db = c.db('t');
  console.log(await db.command({ ping: 1 }));
  const col = db.collection('a');
  await col.insertMany([{ x: 1 }, { x: 2 }, { x: 3, tags: ['a'] }]);
  console.log(await col.find({ x: { $gte: 2 } }).sort({ x: -1 }).toArray());
  console.log(await col.updateOne({ x: 1 }, { $set: { y: 1 }, $push: { tags: 'z' } }));
  console.log(await col.findOneAndUpdate({ x: 1 }, { $inc: { y: 1 } }, { returnDocument: 'after' }));
  const u = db.collection('u'); await u.createIndex({ email: 1 }, { unique: true });
  await u.insertOne({ email: 'a' });
  try { await u.insertOne({ email: 'a' }); } catch (e: any) { console.log(e.code, e.message, e.keyValue, e.keyPattern); }
  console.log(await col.countDocuments({}), await col.estimatedDocumentCount(), await col.distinct('x'));
  console.log(await col.aggregate([{ $group: { _id: null, n: { $sum: 1 } } }]).toArray());
  const many = db.collection('many');
  await many.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
  let n = 0; for await (const _ of many.find({}).batchSize(20)) n++;
  console.log('iterated', n);
  const session = c.startSession();
  await session.withTransaction(async () => {
    await col.insertOne({ t: 1 }, { session });
    await col.updateOne({ x: 2 }, { $set: { t: 2 } }, { session });
  });
  console.log(await col.find({ t: { $exists: true } }).toArray());
  await session.endSession();
  console.log(await db.listCollections().toArray().then((l) => l.map((x) => x.name)));
  console.log(await col.listIndexes().toArray());
  await c.close();
  await s.stop();
  console.log('done');
})().catch((e) => { console.error('FAIL', e); process.exit(1); });
