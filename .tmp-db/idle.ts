import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../server/db';
import { Dispatcher } from '../server/db/commands/dispatch';
const counts: Record<string, number> = {};
const orig = Dispatcher.prototype.run;
Dispatcher.prototype.run = function (cmd: any, db: string, id: number) { const k = Object.keys(cmd)[0] + (cmd.maxAwaitTimeMS ? '(await)' : ''); counts[k] = (counts[k] ?? 0) + 1; return orig.call(this, cmd, db, id); };
(async () => {
  const s = await startEmbeddedMongo({ port: 0 });
  const c = await new MongoClient(s.uri, { heartbeatFrequencyMS: 2000 }).connect();
  await c.db('a').command({ ping: 1 });
  await new Promise((r) => setTimeout(r, 9000));
  await c.db('a').collection('x').insertOne({ a: 1 });
  console.log(counts);
  await c.close(); await s.stop();
})();
