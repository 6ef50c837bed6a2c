import type { Page } from 'playwright-core';
import { newPhone, PHONE, useApp } from './harness';

/**
 * Two screens asked for in quick succession, the first one slow to arrive: the screen shown is the one asked for last.
 * On a slow phone network this is the person who taps 审核 and then, before it has loaded, 组织 — or the staff member
 * who opens a link right after signing in. Taro's h5 router loaded each screen when its script arrived, so a late
 * first screen replaced the second (the invite walk once failed in CI this way: the org screen never showed).
 */
const app = useApp();

/** The build's page → scripts map, written into index.html for preloading (client/config/preload.ts). */
async function pageFiles(): Promise<Record<string, string[]>> {
  const html = await (await fetch(`${app.server.url}/`)).text();
  const start = html.indexOf('({"pages/');
  if (start < 0) throw new Error('index.html carries no page → files map');
  return JSON.parse(jsonObjectAt(html, start + 1)) as Record<string, string[]>;
}

/** The JSON object that opens at `from`, read up to its own closing brace (the inline script goes on after it). */
function jsonObjectAt(text: string, from: number): string {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(from, i + 1);
  }
  throw new Error('the page → files map in index.html is not closed');
}

const shownPages = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.taro_page')].filter((d) => getComputedStyle(d).display !== 'none').map((d) => d.id.split('?')[0].replace(/^\//, '')));

test('a screen opened while the one before it is still loading is the screen that stays', async () => {
  const files = await pageFiles();
  const landing = 'packages/staff/pages/index/index'; // where a secretary lands
  const wanted = 'packages/staff/pages/org/index';
  expect(files[landing]).toBeDefined();
  expect(files[wanted]).toBeDefined();
  const slow = new Set(files[landing].filter((f) => f.endsWith('.js') && !files[wanted].includes(f)));
  expect(slow.size).toBeGreaterThan(0);

  const page = await newPhone(app.browser, { viewport: PHONE });
  await page.goto(`${app.server.url}/#/pages/login/index`);
  // Only the landing screen's own scripts are slow, and only from the sign-in on: it arrives after the org screen's.
  const held: Promise<void>[] = [];
  await page.route('**/js/*.js', (route) => {
    const file = new URL(route.request().url()).pathname.replace(/^\//, '');
    if (!slow.has(file)) return route.continue();
    const late = new Promise<void>((done) => setTimeout(done, 2500)).then(() => route.continue());
    held.push(late);
    return late;
  });
  await page.getByText('社区书记 · 彭书记', { exact: true }).click();
  await page.waitForURL((u) => u.hash.includes(landing));
  await page.goto(`${app.server.url}/#/${wanted}`);
  await page.waitForFunction((p) => [...document.querySelectorAll('.taro_page')].some((d) => d.id.split('?')[0].replace(/^\//, '') === p), wanted);
  expect(held.length).toBeGreaterThan(0);
  await Promise.all(held);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500); // the late screen's script has run by now (nothing is in flight); give React its turn

  expect(await shownPages(page)).toEqual([wanted]);
  expect(page.url()).toContain(`#/${wanted}`);
  await page.context().close();
});
