/**
 * The statistics' upkeep, from the command line:
 *
 *   npm run stats -- rebuild-counters          # recompute every counter from the history and list what differs
 *   npm run stats -- rebuild-counters --fix    # … and set the differing counters to what the history says
 *
 * Against MONGODB_URI when set (MONGODB_DB names the database), else the embedded database in XINYUAN_DB_PATH
 * (default .data/db), which the server must not be holding at the time. Exits 1 when differences were found and
 * left as they were.
 */
import { connect } from '../cloudfunctions/_core/store/connect';
import { repositoriesOf } from '../cloudfunctions/_core/store/repositories';
import { rebuildCounters } from '../cloudfunctions/_core/stats/rebuild';
import { startEmbeddedMongo } from '../server/db/embeddedMongo';

const SHOWN = 50;

async function main(): Promise<number> {
  const [command, ...flags] = process.argv.slice(2);
  if (command !== 'rebuild-counters') {
    console.error('用法：npm run stats -- rebuild-counters [--fix]');
    return 2;
  }
  const fix = flags.includes('--fix');
  const embedded = process.env.MONGODB_URI ? null : await startEmbeddedMongo({ port: 0, dbPath: process.env.XINYUAN_DB_PATH ?? '.data/db' });
  const conn = await connect(process.env.MONGODB_URI ?? embedded!.uri, process.env.MONGODB_DB);
  try {
    const started = Date.now();
    const r = await rebuildCounters(repositoriesOf(conn.db), { fix });
    console.log(`${r.wishes} wishes, ${r.services} confirmed services → ${r.documents} counter documents, recomputed in ${Date.now() - started} ms`);
    if (r.differences.length === 0) {
      console.log('every counter equals its recomputation from the events');
      return 0;
    }
    console.log(`${r.differences.length} counters differ (document  dim.key.field: kept → recomputed):`);
    for (const d of r.differences.slice(0, SHOWN)) console.log(`  ${d.id}  ${d.path}: ${d.kept} → ${d.recomputed}`);
    if (r.differences.length > SHOWN) console.log(`  … and ${r.differences.length - SHOWN} more`);
    console.log(fix ? 'fixed: those counters now hold the recomputed values' : 'left as they are; run again with --fix to set them');
    return fix ? 0 : 1;
  } finally {
    await conn.close();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
