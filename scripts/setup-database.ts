/**
 * Creates the collections and indexes the functions need, through the driver — for a database the
 * self-hosted server never connected to (WeChat CloudBase with Tencent Cloud MongoDB, a fresh Atlas
 * cluster), run once from any machine that reaches it, and again after an upgrade (idempotent):
 *
 *   MONGODB_URI="mongodb://…" [MONGODB_DB=xinyuan] npx tsx scripts/setup-database.ts
 *
 * The gateway does the same at every start (cloudfunctions/_core/store/connect.ts).
 */
import { connect } from '../cloudfunctions/_core/store/connect';
import { C, INDEXES } from '../cloudfunctions/_core/store/collections';

async function main(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    console.error('环境变量 MONGODB_URI 必须设置（要建索引的 MongoDB 连接串）');
    process.exit(2);
  }
  const conn = await connect(uri, process.env.MONGODB_DB);
  try {
    const existing = new Set((await conn.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
    // Collections without an index of their own are still created, so CloudBase's console lists them.
    // Every collection (`photos` is a GridFS bucket: its two collections are in INDEXES).
    const names = [...new Set([...Object.values(C).filter((n) => n !== C.photos), ...Object.keys(INDEXES)])];
    for (const name of names) if (!existing.has(name)) await conn.db.createCollection(name).catch(() => undefined);
    for (const name of names) {
      const indexes = await conn.db.collection(name).indexes();
      console.log(`${conn.db.databaseName}.${name}: ${indexes.map((i) => i.name).join(', ')}`);
    }
  } finally {
    await conn.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
