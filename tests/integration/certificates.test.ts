/** 志愿服务证明 (issue 12 item 5): issued from the helper's service records, read back as text, checked publicly, held privately. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const PERIOD = { from: '2000-01-01T00:00:00+08:00', to: '2100-01-01T00:00:00+08:00' };

function pdfText(base64: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cert-')), 'c.pdf');
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

test('the certificate states the services and hours of the service records, in Chinese, with its serial', async () => {
  const helper = await server.login('volunteer2');
  const me = (await helper.ok('org', 'me', {})).user;
  const started = Date.now();
  const issued = await helper.ok('certificates', 'issue', PERIOD);
  const ms = Date.now() - started;
  console.log(`certificates.issue took ${ms} ms (${Buffer.from(issued.base64, 'base64').length} bytes)`);
  const { certificate: c } = issued;
  expect(c.serial).toMatch(/^ZY-\d{8}-[A-Z0-9]{8}$/);
  expect(c.services).toBeGreaterThan(0);
  expect(c.holderName).toBe(me.name);
  expect(issued.mimeType).toBe('application/pdf');

  const raw = Buffer.from(issued.base64, 'base64').toString('latin1');
  expect(raw.startsWith('%PDF-')).toBe(true);
  expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJKsc-Regular/);
  expect(raw).toMatch(/\/FontFile[23]? /);

  const text = pdfText(issued.base64).replace(/\s+/g, '');
  expect(text).toContain('志愿服务证明');
  expect(text).toContain(me.name);
  expect(text).toContain(`志愿服务${c.services}次`);
  expect(text).toContain(`累计服务时长${c.hours}小时`);
  expect(text).toContain(c.communityName);
  expect(text).toContain(c.serial);

  expect((await helper.ok('certificates', 'mine', {})).items.map((x: any) => x.serial)).toContain(c.serial);
  const again = await helper.ok('certificates', 'download', { serial: c.serial });
  expect(pdfText(again.base64)).toContain(c.serial);
});

test('anyone can verify a serial and sees only the masked name, period, hours and community', async () => {
  const issued = await (await server.login('volunteer2')).ok('certificates', 'issue', PERIOD);
  const { serial, holderName } = issued.certificate;
  const shown = await server.anonymous().ok('certificates', 'verify', { serial });
  expect(Object.keys(shown).sort()).toEqual(['communityName', 'from', 'holderName', 'hours', 'issuedAt', 'serial', 'services', 'to']);
  expect(shown.holderName).not.toBe(holderName);
  expect(shown.holderName).toBe(Array.from(holderName as string)[0] + '*'.repeat(Array.from(holderName as string).length - 1));
  expect(shown).toMatchObject({ serial, hours: issued.certificate.hours, communityName: issued.certificate.communityName });
  expect(JSON.stringify(shown)).not.toMatch(/u-volunteer2|1[3-9]\d{9}/);
});

test('a stranger cannot download someone else\'s certificate; a bad or unknown serial is refused', async () => {
  const { serial } = (await (await server.login('volunteer2')).ok('certificates', 'issue', PERIOD)).certificate;
  const stranger = await server.login('volunteer');
  const res = await stranger.call('certificates', 'download', { serial });
  expect(res.status).toBe(404);
  expect(res.body.ok).toBe(false);

  const unknown = await server.anonymous().call('certificates', 'verify', { serial: 'ZY-20260101-AAAAAAAA' });
  expect(unknown.status).toBe(404);
  const malformed = await server.anonymous().call('certificates', 'verify', { serial: '../../etc' });
  expect(malformed.status).toBe(400);
  // Only signed-in helpers issue; a resident has no service record to certify.
  expect((await (await server.login('resident')).call('certificates', 'issue', PERIOD)).status).toBe(403);
});
