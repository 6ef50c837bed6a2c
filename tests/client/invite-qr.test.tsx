/**
 * An invite's QR code (staff 组织管理 → 邀请码): what it carries is the join page with the code, and what is drawn is
 * exactly the QR code of that, module for module. No QR decoder is among the devDependencies, so the drawing is read
 * back (the runs of its one path) and compared with uqr's own encoding of the payload.
 */
import { render, screen } from '@testing-library/react';
import fc from 'fast-check';
import { encode } from 'uqr';
import { inviteCodeOf, joinPage } from '@shared/routes';
import { InviteQr } from '../../client/src/packages/staff/components/org/InviteQr';
import { asciiBase64, qrModules, qrSvg, svgDataUrl } from '../../client/src/components/qrDrawing';
import { inviteLink } from '../../client/src/services/nav';

/** The modules a path of ours darkens, on an n×n grid: `M{x} {y}h{run}…` per run of dark modules. */
function modulesDrawn(n: number, d: string): boolean[][] {
  const grid = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
  for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(run); i++) grid[Number(y)][Number(x) + i] = true;
  }
  return grid;
}

/** The drawn grid is `payload`'s QR code (uqr, no border) inside a light quiet zone at least `quiet` modules wide. */
function expectQrOf(drawn: boolean[][], payload: string, quiet = 2) {
  const bare = encode(payload, { border: 0 }).data;
  const edge = (drawn.length - bare.length) / 2;
  expect(edge).toBeGreaterThanOrEqual(quiet);
  const inner = drawn.slice(edge, edge + bare.length).map((row) => row.slice(edge, edge + bare.length));
  expect(inner).toEqual(bare);
  const darkOutside = drawn.flat().filter(Boolean).length - inner.flat().filter(Boolean).length;
  expect(darkOutside).toBe(0);
}

test('an invite’s QR code is the QR code of its join link, module for module, with the code in large type under it', () => {
  render(<InviteQr code='K7MPQ2XA' role='volunteer' />);
  const qr = screen.getByRole('img', { name: '邀请码 K7MPQ2XA 的二维码' });
  // In the browser: an inline SVG, one unit per module.
  expect(qr.tagName.toLowerCase()).toBe('svg');
  const n = Number(qr.getAttribute('viewBox')!.split(' ')[2]);
  expectQrOf(modulesDrawn(n, qr.querySelector('path')!.getAttribute('d')!), inviteLink('K7MPQ2XA'));
  // Whole pixels per module (sharp to scan), about the size asked for.
  const px = Number(qr.getAttribute('width'));
  expect(px % n).toBe(0);
  expect(px).toBeGreaterThan(150);
  expect(px).toBeLessThanOrEqual(200);

  expect(screen.getByText('K7MPQ2XA')).toHaveClass('staff-invite__code');
  expect(screen.getByText(/以「志愿者」身份加入/)).toBeInTheDocument();
});

test('what the code carries opens this app’s join page with the code, and the join page reads it back', () => {
  const link = inviteLink('K7MPQ2XA');
  expect(link).toBe(`${window.location.origin}${window.location.pathname}#/pages/join/index?code=K7MPQ2XA`);
  const query = Object.fromEntries(new URLSearchParams(link.split('?')[1]));
  expect(inviteCodeOf(query)).toBe('K7MPQ2XA');
});

test('the join page takes the code however WeChat hands it over: our link, a 小程序码’s scene, a 普通链接二维码’s URL', () => {
  expect(inviteCodeOf({ code: 'K7MPQ2XA' })).toBe('K7MPQ2XA');
  expect(inviteCodeOf({ scene: 'K7MPQ2XA' })).toBe('K7MPQ2XA');
  expect(inviteCodeOf({ scene: encodeURIComponent('code=K7MPQ2XA') })).toBe('K7MPQ2XA');
  expect(inviteCodeOf({ q: encodeURIComponent('https://xinyuan.example.cn/#/pages/join/index?code=K7MPQ2XA') })).toBe('K7MPQ2XA');
  expect(inviteCodeOf({ q: encodeURIComponent('https://xinyuan.example.cn/') })).toBe('');
  expect(inviteCodeOf({})).toBe('');
  // A malformed escape is kept as typed, not thrown.
  expect(inviteCodeOf({ scene: '%E0%A4%A' })).toBe('%E0%A4%A');
  // The mini-program's payload is the join page's own path and query.
  expect(joinPage('K7MPQ2XA')).toBe('pages/join/index?code=K7MPQ2XA');
});

test('in the mini-program the same drawing is an <image> of an SVG data: URL, which reads back to the same code', () => {
  const payload = joinPage('K7MPQ2XA');
  const modules = qrModules(payload);
  const url = svgDataUrl(qrSvg(modules));
  const prefix = 'data:image/svg+xml;base64,';
  expect(url.startsWith(prefix)).toBe(true);
  const svg = Buffer.from(url.slice(prefix.length), 'base64').toString('ascii');
  expect(svg).toBe(qrSvg(modules));
  const n = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)![1]);
  expect(n).toBe(modules.length);
  expectQrOf(modulesDrawn(n, /<path[^>]* d="([^"]*)"/.exec(svg)![1]), payload);
});

test('the mini-program’s own base64 (it has no btoa) agrees with Node’s for any ASCII text', () => {
  fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)) }), (text) => {
    expect(asciiBase64(text)).toBe(Buffer.from(text, 'ascii').toString('base64'));
  }));
});

test('the mini-program build draws the QR code as an image of that URL, not a grid of views', () => {
  const saved = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
  // The isolated testing-library must not add its cleanup hooks from inside a test: it is cleaned up by hand below.
  process.env.RTL_SKIP_AUTO_CLEANUP = 'true';
  try {
    jest.isolateModules(() => {
      // A registry of its own: platform.ts reads TARO_ENV when loaded, as the build fixes it at compile time.
      const { cleanup: cleanupHere, render: renderHere, screen: screenHere } = require('@testing-library/react') as typeof import('@testing-library/react');
      const { Qr } = require('../../client/src/components/Qr') as typeof import('../../client/src/components/Qr');
      const nav = require('../../client/src/services/nav') as typeof import('../../client/src/services/nav');
      const react = require('react') as typeof import('react');
      const payload = nav.inviteLink('K7MPQ2XA');
      expect(payload).toBe('pages/join/index?code=K7MPQ2XA');
      const { container } = renderHere(react.createElement(Qr, { text: payload, label: '邀请码 K7MPQ2XA 的二维码', size: 200 }));
      const image = screenHere.getByRole('img', { name: '邀请码 K7MPQ2XA 的二维码' });
      expect(image.tagName.toLowerCase()).toBe('img');
      expect(image.getAttribute('src')).toBe(svgDataUrl(qrSvg(qrModules(payload))));
      expect(container.querySelectorAll('div')).toHaveLength(0);
      cleanupHere();
    });
  } finally {
    process.env.TARO_ENV = saved;
    delete process.env.RTL_SKIP_AUTO_CLEANUP;
  }
});
