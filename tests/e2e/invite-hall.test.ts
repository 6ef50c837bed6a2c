import type { Page } from 'playwright-core';
import { encode } from 'uqr';
import { newPhone, PHONE, recordErrors, shot, useApp } from './harness';

/**
 * The invite's QR code and the task hall on a 390×844 phone, in normal and in elder mode, on the real h5 build:
 * the code drawn is the QR code of the join link, a new phone that scans it lands on the join page with the code
 * after logging in, and the hall's cards carry each wish's number. Screenshots (artifacts/screenshots/) are for
 * people to look at; what can be measured here is measured: contrast (axe-core) and, in elder mode, tap targets.
 */
const app = useApp();

type Mode = 'normal' | 'elder';

/** A phone signed in as `label`, in `mode` (the elder switch is kept in storage, as the 我的 page keeps it). */
async function phoneAs(label: string, mode: Mode): Promise<{ page: Page; errors: string[] }> {
  const page = await newPhone(app.browser, { viewport: PHONE, timezoneId: 'Asia/Shanghai' });
  const errors = recordErrors(page, { console: true });
  await page.goto(`${app.server.url}/#/pages/login/index`);
  if (mode === 'elder') await page.evaluate(() => localStorage.setItem('xy.elder', JSON.stringify({ data: '1' })));
  await page.getByText(label, { exact: true }).click();
  await page.waitForURL((u) => !u.hash.includes('pages/login'));
  return { page, errors };
}

/** The modules the QR code's SVG darkens, read back from its one path (one unit per module). */
async function modulesShown(page: Page, name: string): Promise<boolean[][]> {
  const { n, d } = await page.getByRole('img', { name }).evaluate((svg) => ({
    n: Number(svg.getAttribute('viewBox')!.split(' ')[2]),
    d: svg.querySelector('path')!.getAttribute('d')!,
  }));
  const grid = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
  for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) for (let i = 0; i < Number(run); i++) grid[Number(y)][Number(x) + i] = true;
  return grid;
}

/** axe-core's contrast check on the shown page (Taro keeps hidden pages in the DOM; axe skips them). */
async function contrastFailures(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: ['color-contrast'], resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
  });
}

/** Visible buttons, chips and tappable cards shorter than `min` px. */
async function smallTapTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((least) => {
    const shown = [...document.querySelectorAll('.taro_page')].filter((p) => getComputedStyle(p).display !== 'none').at(-1) ?? document.body;
    const tappable = shown.querySelectorAll('taro-button-core, .chip, .staff-chip, [role="button"], [role="radio"]');
    return [...tappable].flatMap((el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') return [];
      return r.height + 0.5 < least ? [`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 12)}" ${Math.round(r.height)}px`] : [];
    });
  }, min);
}

/** Makes the phone as tall as the page's content (Taro's h5 page scrolls inside itself), for a whole-screen picture. */
async function wholeScreen(page: Page, name: string): Promise<void> {
  const tall = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.taro_page')].map((p) => p.scrollHeight)));
  await page.setViewportSize({ width: PHONE.width, height: Math.min(Math.max(PHONE.height, tall), 4000) });
  await shot(page, name);
  await page.setViewportSize(PHONE);
}

test.each(['normal', 'elder'] as const)('in %s mode, a new invite shows its QR code (the join link, module for module) and its code large; a phone that scans it joins with the code', async (mode) => {
  const { page, errors } = await phoneAs('社区书记 · 彭书记', mode);
  await page.goto(`${app.server.url}/#/packages/staff/pages/org/index`);
  await page.getByText('邀请码', { exact: true }).first().click();
  await page.getByText('生成邀请码', { exact: true }).click();
  const codeText = page.locator('.staff-invite__code').first();
  await codeText.waitFor();
  const code = (await codeText.innerText()).trim();
  expect(code).toMatch(/^[A-Za-z0-9]{6,16}$/);

  const link = `${app.server.url}/#/pages/join/index?code=${code}`;
  const shown = await modulesShown(page, `邀请码 ${code} 的二维码`);
  const bare = encode(link, { border: 0 }).data;
  const edge = (shown.length - bare.length) / 2;
  expect(edge).toBeGreaterThanOrEqual(2);
  expect(shown.slice(edge, edge + bare.length).map((row) => row.slice(edge, edge + bare.length))).toEqual(bare);
  // Large enough to scan from a phone held over the screen, and the code readable across a table.
  const box = (await page.getByRole('img', { name: `邀请码 ${code} 的二维码` }).boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(150);
  expect(await codeText.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(mode === 'elder' ? 36 : 28);
  expect(await contrastFailures(page)).toEqual([]);
  if (mode === 'elder') expect(await smallTapTargets(page, 48)).toEqual([]);
  await wholeScreen(page, `invite-qr-${mode}`);

  // The list below shows the same code, whose QR code opens on request, beside 撤销.
  const row = page.getByLabel(`邀请码 ${code}`, { exact: true });
  await row.getByText('二维码', { exact: true }).click();
  await row.getByRole('img', { name: `邀请码 ${code} 的二维码` }).waitFor();
  await wholeScreen(page, `invite-list-${mode}`);
  expect(errors).toEqual([]);

  // Scanned by a phone signed out: log in first, then the join page with the code filled in.
  const scanner = await newPhone(app.browser, { viewport: PHONE });
  await scanner.goto(link);
  await scanner.waitForURL((u) => u.hash.includes('pages/login'));
  await scanner.getByText('居民 · 郑大爷', { exact: true }).click();
  await scanner.waitForURL((u) => u.hash.includes('pages/join/index') && u.hash.includes(`code=${code}`));
  await scanner.waitForFunction((c) => [...document.querySelectorAll('input')].some((i) => i.value === c), code);
  await shot(scanner, `invite-scanned-${mode}`);
  await scanner.context().close();
  await page.context().close();
});

test.each(['normal', 'elder'] as const)('in %s mode, the task hall’s cards carry each wish’s number and read clearly', async (mode) => {
  const { page, errors } = await phoneAs('志愿者 · 张晓东', mode);
  await page.waitForURL((u) => u.hash.includes('pages/hall'));
  const numbers = page.locator('.wish-item .wish-no');
  await numbers.first().waitFor();
  for (const text of await numbers.allInnerTexts()) expect(text).toMatch(/^编号 TY-\d{4}-\d{4,}$/);
  expect(await contrastFailures(page)).toEqual([]);
  if (mode === 'elder') expect(await smallTapTargets(page, 48)).toEqual([]);
  await wholeScreen(page, `hall-${mode}`);
  expect(errors).toEqual([]);
  await page.context().close();
});
