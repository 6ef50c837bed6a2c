import { chromium } from 'playwright-core';
import { startServer } from '../server/main';
(async () => {
  const s = await startServer({ port: 0, dbPath: ':memory:', seed: true, mode: 'local', cronIntervalMs: 0, config: { h5Dir: '/work/main/dist/h5' } as never });
  console.log(s.url);
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
  const p = await b.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1 });
  p.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
  p.on('pageerror', (e) => console.log('pageerror', e.message));
  await p.goto(s.url + '/');
  await p.waitForTimeout(3000);
  await p.screenshot({ path: '/tmp/probe/1.png' });
  await p.getByText('居民 · 张阿姨').click();
  await p.waitForTimeout(3000);
  await p.screenshot({ path: '/tmp/probe/2.png', fullPage: true });
  await b.close(); await s.stop();
})().catch((e) => { console.error(e); process.exit(1); });
