import type { Page } from 'playwright-core';
import { apiAs as callAs, newPhone, PHONE, recordErrors, shot, useApp } from './harness';

/**
 * What a person meets on a 390×844 phone that no component test can see: a shared link
 * surviving login, React and Taro's web components agreeing on the page, text contrast,
 * and elder mode's tap targets and spacing, measured in Debian chromium on the real h5 build.
 */
const app = useApp();

/** A fresh phone, signed out, that records what React and the page log as errors. */
async function phone(): Promise<{ page: Page; errors: string[] }> {
  const page = await newPhone(app.browser, { viewport: PHONE });
  return { page, errors: recordErrors(page, { console: true }) };
}

const apiAs = (who: string, fn: string, action: string, data: object = {}) => callAs(app.server)(who, fn, action, data);

async function logInFromLoginScreen(page: Page, label: string): Promise<void> {
  await page.waitForURL((u) => u.hash.includes('pages/login'));
  await page.getByText(label, { exact: true }).click();
  await page.waitForURL((u) => !u.hash.includes('pages/login'));
}

const insertBeforeErrors = (errors: string[]) => errors.filter((e) => /insertBefore|NotFoundError/.test(e));

test('a shared wish link opened while signed out opens that wish after login, and the page logs no DOM errors', async () => {
  const mine = (await apiAs('resident', 'wishes', 'mine', { limit: 5 })) as { items: { id: string; title: string }[] };
  const wish = mine.items[0];
  const { page, errors } = await phone();

  await page.goto(`${app.server.url}/#/pages/wish/index?id=${wish.id}`);
  await logInFromLoginScreen(page, '居民 · 胡秀兰');

  await page.waitForURL((u) => u.hash.includes('pages/wish/index') && u.hash.includes(`id=${wish.id}`));
  await page.getByText(wish.title).first().waitFor();
  await shot(page, 'shared-link-after-login');
  expect(insertBeforeErrors(errors)).toEqual([]);
});

/** axe-core's contrast check on the page as shown (Taro keeps hidden pages in the DOM; axe skips them). */
async function contrastFailures(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  await page.waitForTimeout(400);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { nodes: { target: string[]; any: { message: string }[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: ['color-contrast'], resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.any[0]?.message ?? ''}`));
  });
}

/** Visible things a finger taps, shorter than `min` px. */
async function smallTapTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((least) => {
    const tappable = document.querySelectorAll('taro-button-core, .chip, .role-nav__item, [role="button"], [role="radio"], .stepper__btn');
    return [...tappable].flatMap((el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') return [];
      return r.height + 0.5 < least ? [`${el.tagName.toLowerCase()}.${(el as HTMLElement).className} "${(el.textContent ?? '').trim().slice(0, 12)}" ${Math.round(r.height)}px`] : [];
    });
  }, min);
}

test('resident screens pass text contrast in normal and elder mode; in elder mode every tap target is ≥ 48px and labels keep clear of values', async () => {
  const mine = (await apiAs('resident', 'wishes', 'mine', { limit: 5 })) as { items: { id: string; title: string }[] };
  const { page, errors } = await phone();
  await page.goto(`${app.server.url}/#/pages/login/index`);
  expect(await contrastFailures(page)).toEqual([]);
  await logInFromLoginScreen(page, '居民 · 胡秀兰');
  await page.getByText('＋ 发布心愿').waitFor();
  expect(await contrastFailures(page)).toEqual([]);

  await page.getByText('长辈模式（大字）').click();
  await page.getByText('退出长辈模式').waitFor();
  expect(await contrastFailures(page)).toEqual([]);
  expect(await smallTapTargets(page, 48)).toEqual([]);
  await shot(page, 'elder-home');

  await page.goto(`${app.server.url}/#/pages/wish/index?id=${mine.items[0].id}`);
  await page.getByText('需要人数').waitFor();
  expect(await contrastFailures(page)).toEqual([]);
  expect(await smallTapTargets(page, 48)).toEqual([]);
  // "需要人数1 人": each label ends well before its value starts.
  const gaps = await page.evaluate(() =>
    [...document.querySelectorAll('.kv')].flatMap((row) => {
      const k = row.querySelector('.kv__k')?.getBoundingClientRect();
      const v = row.querySelector('.kv__v')?.getBoundingClientRect();
      return k && v && k.width > 0 ? [v.left - k.right] : [];
    }),
  );
  expect(gaps.length).toBeGreaterThan(0);
  for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(8);
  await shot(page, 'elder-wish-detail');
  expect(insertBeforeErrors(errors)).toEqual([]);
});

test('staff screens pass text contrast', async () => {
  const { page } = await phone();
  await page.goto(`${app.server.url}/#/pages/login/index`);
  await logInFromLoginScreen(page, '社区书记 · 彭书记');
  await page.getByText('审核派单').first().waitFor();
  expect(await contrastFailures(page)).toEqual([]);
  await page.getByText('审核派单').first().click();
  await page.waitForURL((u) => u.hash.includes('review'));
  await page.waitForTimeout(1000);
  expect(await contrastFailures(page)).toEqual([]);
  await shot(page, 'secretary-review-contrast');
});

test('a unit admin hands the unit’s claim to a member, and the unit’s list says who holds it', async () => {
  // The secretary assigned 楼梯扶手松动 to the unit in the seed; its admin accepts it for the unit.
  const mine = (await apiAs('unit_admin', 'tasks', 'mine', { limit: 50 })) as { items: { id: string; title: string; status: string }[] };
  const assigned = mine.items.find((w) => w.status === 'assigned');
  expect(assigned).toBeDefined();
  const { page, errors } = await phone();
  await page.goto(`${app.server.url}/#/pages/login/index`);
  await logInFromLoginScreen(page, '共建单位管理员 · 王丽华');
  await page.getByText(assigned!.title).click();
  await page.getByText('接受', { exact: true }).click();
  await page.getByText('已接受派单').waitFor();
  await page.goBack();

  const card = page.locator('.card', { hasText: assigned!.title });
  await card.getByText('尚未交给成员', { exact: false }).waitFor();
  await card.locator('taro-button-core', { hasText: '交给成员' }).click();
  await card.locator('.chip', { hasText: '陈静' }).click();
  await card.getByText('负责人：陈静', { exact: false }).waitFor();
  await card.getByText('改交其他成员').waitFor();
  expect(await card.getByText('尚未交给成员', { exact: false }).count()).toBe(0);
  await shot(page, 'unit-handover');
  expect(insertBeforeErrors(errors)).toEqual([]);
});
