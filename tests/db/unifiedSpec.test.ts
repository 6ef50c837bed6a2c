// The MongoDB driver team's unified-format specification tests (vendored in tests/db/spec), run
// through the official driver against the embedded server, as every driver runs them against mongod.
import fs from 'node:fs';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../server/db/embeddedMongo';
import { EXPECTED_FAILURES, lookup, SKIPPED } from './unified/lists';
import { GROUP_NAMES, loadGroup, requirementsUnmet, Target } from './unified/runner';


const target: Target = { uri: '', version: [7, 0, 0], topology: 'replicaset' };
let internal: MongoClient;
let stop: (() => Promise<void>) | null = null;
// SPEC_RECORD=<file> runs every test whose requirements hold, plainly, and writes the failures there (to refresh the lists).
const record = process.env.SPEC_RECORD;
const failures: Record<string, string> = {};

jest.setTimeout(30_000);

beforeAll(async () => {
  const server = await startEmbeddedMongo({ port: 0 });
  stop = server.stop;
  target.uri = server.uri;
  internal = new MongoClient(server.uri);
  await internal.connect();
});

afterAll(async () => {
  if (record) fs.writeFileSync(record, JSON.stringify(failures, null, 1));
  await internal?.close();
  await stop?.();
});

for (const group of GROUP_NAMES) {
  describe(group, () => {
    for (const t of loadGroup(group)) {
      const unmet = requirementsUnmet(t, target);
      // Recording runs the listed skips too, so the lists can be rebuilt from one run.
      const skip = unmet ?? (record ? undefined : lookup(SKIPPED, t.id));
      const name = `${t.file}: ${t.description}`;
      if (skip) {
        it.skip(`${name} — skipped: ${skip}`, () => undefined);
        continue;
      }
      const expectedFailure = lookup(EXPECTED_FAILURES, t.id);
      if (record) {
        it(name, async () => {
          try {
            await t.run(target, internal);
          } catch (e) {
            failures[t.id] = String((e as Error)?.message ?? e).slice(0, 300);
          }
        });
      } else if (expectedFailure) {
        it.failing(`${name} — expected failure: ${expectedFailure}`, () => t.run(target, internal));
      } else {
        it(name, () => t.run(target, internal));
      }
    }
  });
}
