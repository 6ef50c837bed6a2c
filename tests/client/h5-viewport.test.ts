import fs from 'node:fs';
import path from 'node:path';

/** The h5 app's page shell: elders pinch to read, so the viewport must let them zoom (WCAG 1.4.4). */
test('the h5 page lets a person zoom: no user-scalable=no, no maximum-scale below 2', () => {
  const html = fs.readFileSync(path.join(__dirname, '../../client/src/index.html'), 'utf8');
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const viewport = doc.querySelector('meta[name="viewport"]')?.getAttribute('content') ?? '';
  expect(viewport).toContain('width=device-width');
  const settings = Object.fromEntries(viewport.split(',').map((kv) => kv.split('=').map((s) => s.trim().toLowerCase())));
  expect(settings['user-scalable']).not.toBe('no');
  expect(settings['user-scalable']).not.toBe('0');
  if (settings['maximum-scale'] !== undefined) expect(Number(settings['maximum-scale'])).toBeGreaterThanOrEqual(2);
});
