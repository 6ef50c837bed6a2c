// Prints the pass/fail/skip table of the vendored spec suite for server/db/README.md, from the same
// requirement checks and lists the jest run uses (the jest run proves the listed failures still fail).
//   npx tsx tests/db/unified/table.ts
import { EXPECTED_FAILURES, lookup, SKIPPED } from './lists';
import { GROUP_NAMES, loadGroup, requirementsUnmet, Target } from './runner';

const target: Target = { uri: '', version: [7, 0, 0], topology: 'replicaset' };
const rows: string[] = ['| group | tests | skipped | runnable | pass | fail | pass rate |', '| --- | --: | --: | --: | --: | --: | --: |'];
const total = { tests: 0, skipped: 0, pass: 0, fail: 0 };
for (const group of GROUP_NAMES) {
  const tests = loadGroup(group);
  const skipped = tests.filter((t) => requirementsUnmet(t, target) ?? lookup(SKIPPED, t.id)).length;
  const fail = tests.filter((t) => !(requirementsUnmet(t, target) ?? lookup(SKIPPED, t.id)) && lookup(EXPECTED_FAILURES, t.id)).length;
  const pass = tests.length - skipped - fail;
  total.tests += tests.length;
  total.skipped += skipped;
  total.pass += pass;
  total.fail += fail;
  rows.push(`| ${group} | ${tests.length} | ${skipped} | ${pass + fail} | ${pass} | ${fail} | ${pass + fail ? Math.round((100 * pass) / (pass + fail)) : 100}% |`);
}
const runnable = total.pass + total.fail;
rows.push(`| **all** | ${total.tests} | ${total.skipped} | ${runnable} | ${total.pass} | ${total.fail} | ${Math.round((100 * total.pass) / runnable)}% |`);
console.log(rows.join('\n'));
