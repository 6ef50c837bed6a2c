#!/usr/bin/env node
/**
 * Our npm registry mirror serves only some platforms' builds of native packages
 * (@tarojs/binding-darwin-arm64 and the like answer 404). `npm install` skips a
 * missing optional dependency and leaves it out of package-lock.json, and then
 * `npm ci` refuses the lockfile as out of sync. This restores an entry, marked
 * optional and fenced to its platform, for every optional dependency the lockfile
 * lacks, so `npm ci` skips it on this platform as it would with a full registry.
 * Run it after any `npm install` that changes the lockfile (`npm run lock:complete`).
 */
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony', 'openbsd', 'netbsd', 'sunos', 'aix'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes('gnueabihf') || parts.includes('musleabihf') || parts.includes('eabi') ? 'arm' : undefined);
  return { os, cpu };
}

/** Where node would find `name` from the package at `location`, or null. */
function resolve(location, name) {
  let base = location;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return null;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

let added = 0;
for (const [location, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const found = resolve(location, name);
    if (found && packages[found].version === version) continue;
    const { os, cpu } = platformOf(name);
    if (!os) continue; // not a platform build: a real gap, leave it for npm to report
    // Nest beside the dependent when the hoisted slot holds another version.
    const target = found || !location ? `${location ? `${location}/` : ''}node_modules/${name}` : `node_modules/${name}`;
    const slot = packages[target] ? `${location}/node_modules/${name}` : target;
    packages[slot] = { version, optional: true, os: [os], ...(cpu ? { cpu: [cpu] } : {}) };
    added++;
  }
}

const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} optional platform entr${added === 1 ? 'y' : 'ies'} restored`);
