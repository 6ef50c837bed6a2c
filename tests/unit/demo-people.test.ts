import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { USERS, USER_NOTES } from '../../server/seedData';

/**
 * The demo people are described once, in the seed (server/seedData.ts USERS: who they are, what to try):
 * the login page and the start-up banner read it from there; the README's table is checked against it here.
 */
const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

test('the README names every seeded person, with the seed\'s own words, and nobody else', () => {
  const rows = readme.split('\n').filter((l) => /^\| `[a-z_0-9]+` \|/.test(l));
  expect(rows).toEqual(USERS.map((u) => `| \`${u.key}\` | ${u.name} | ${u.title} | ${u.does} |`));
});

test('every seeded person says who they are and what to try, and the start-up banner says the same', () => {
  for (const u of USERS) {
    expect(u.title.length).toBeGreaterThan(1);
    expect(u.does.length).toBeGreaterThan(4);
    expect(USER_NOTES[u.key]).toBe(`${u.title} ${u.name}：${u.does}`);
  }
});
