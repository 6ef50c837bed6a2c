import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { apiAs as callAs, newPhone, PHONE, shot, shotsDir, useApp, visit } from './harness';

/**
 * In the browser, on the real h5 build: a published 微故事 opens the wall and opens by its shared link
 * signed out; the street office's monthly report prints on A4 (the PDF Chromium prints is read back).
 */
const app = useApp();
let storyId: string;

const apiAs = (who: string, fn: string, action: string, data: object = {}) => callAs(app.server)(who, fn, action, data);

beforeAll(async () => {
  const wish = (await apiAs('secretary', 'dispatch', 'queue', { status: 'confirmed', limit: 50 })).items.find((w: any) => w.title === '厨房水龙头漏水请帮忙维修');
  ({ story: { id: storyId } } = await apiAs('secretary', 'stories', 'draft', { wishId: wish.id, note: '杨大爷家的水龙头滴了一个月，志愿者小张带着工具上门，半小时就换好了阀芯。' }));
  await apiAs('resident2', 'stories', 'consent', { storyId, consent: true });
  await apiAs('secretary', 'stories', 'publish', { storyId });
});

const signedOut = (): Promise<Page> => newPhone(app.browser, { viewport: PHONE });

test('the wall opens with the story; its shared link opens signed out', async () => {
  const page = await signedOut();
  await visit(page, app.server.url, '/pages/wall/index?communityId=com-taoyuan');
  const story = page.getByLabel('微故事：厨房水龙头漏水请帮忙维修');
  await story.waitFor();
  const wish = page.getByText('楼道灯坏了需要更换').first();
  await wish.waitFor();
  expect((await story.boundingBox())!.y).toBeLessThan((await wish.boundingBox())!.y);
  await shot(page, 'wall-with-story');

  await visit(page, app.server.url, `/pages/story/index?id=${storyId}`);
  await page.getByText('杨大爷家的水龙头滴了一个月', { exact: false }).waitFor();
  expect(await page.getByText('杨建国').count()).toBe(0);
  await shot(page, 'story-shared-link');
});

test('the monthly report prints on A4', async () => {
  // By the button's test id: its label gains the person's name once the server lists the seeded people.
  const page = await signedOut();
  await page.goto(`${app.server.url}/#/pages/login/index`);
  await page.locator('[data-testid="login-secretary"]').click();
  await page.waitForURL((u) => !u.hash.includes('pages/login'));
  // Opened again if the screen stays hidden: right after sign-in, on a busy machine, the landing can still be on its way.
  for (let attempt = 1; ; attempt++) {
    await visit(page, app.server.url, '/packages/staff/pages/report/index');
    try {
      await page.getByText('（本月至今）', { exact: false }).click({ timeout: 10_000 });
      break;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
  await page.getByText('“三单”微心愿服务月报', { exact: false }).waitFor();
  await page.getByLabel(/^发布微故事 1$/).waitFor();
  await shot(page, 'monthly-report');

  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
  const file = path.join(dir, 'report.pdf');
  fs.writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);
  // The controls stay on screen, not on paper; the report's words are on it.
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('服务月报');
  expect(text).toContain('按类别');
  // The whole report, not the first screenful: the last section and the footer are on paper too.
  expect(text).toContain('五、微故事（1 篇）');
  expect(text).toContain('厨房水龙头漏水请帮忙维修');
  expect(text).toContain('生成时间');
  expect(text).not.toContain('打印 / 另存为 PDF');
  fs.mkdirSync(shotsDir, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(shotsDir, 'monthly-report-a4')]);
});
