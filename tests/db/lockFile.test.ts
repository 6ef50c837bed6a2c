// Embedded-server only: the dbPath lock after a crash — a pid that now belongs to something else is not an owner.
import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { acquireLock, lockOwnerOf, type LockOwner } from '../../server/db/storage/lockFile';

const linux = fs.existsSync('/proc/self/stat') ? describe : describe.skip;
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

function dbDir(owner?: LockOwner | string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-lock-'));
  if (owner !== undefined) fs.writeFileSync(path.join(dir, 'mongod.lock'), typeof owner === 'string' ? owner : JSON.stringify(owner));
  return dir;
}

/** A running process that is not an embedded server: what a reused pid points at after a reboot. */
function sleeper(): number {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

/**
 * A zombie: `sh` backgrounds a short `sleep`, prints its pid, then becomes a `sleep` that never reaps it.
 * The child outlives the exec (a `true` could finish and be reaped by sh first on a loaded machine).
 */
async function zombie(): Promise<number> {
  const child = spawn('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 60'], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  const pid = Number(await new Promise<string>((resolve) => child.stdout!.once('data', (d) => resolve(String(d).trim()))));
  for (let i = 0; i < 250; i++) {
    if (/\)\s+Z\b/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))) return pid;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`pid ${pid} never became a zombie`);
}

linux('the dbPath lock after a crash', () => {
  test('a live owner is refused, and its lock is released on stop', () => {
    const dir = dbDir();
    const release = acquireLock(dir);
    expect(() => acquireLock(dir)).toThrow(/already in use/);
    release();
    acquireLock(dir)();
  });

  test('a lock naming a live process exactly as it started is refused', () => {
    const pid = sleeper();
    expect(() => acquireLock(dbDir(lockOwnerOf(pid)))).toThrow(new RegExp(`already in use .*\\(pid ${pid}\\)`));
  });

  test('the pid now belongs to a process that started at another time: stale, taken over', () => {
    const owner = { ...lockOwnerOf(sleeper()), startTime: '1' };
    const dir = dbDir(owner);
    const release = acquireLock(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'mongod.lock'), 'utf8'))).toEqual(lockOwnerOf());
    release();
  });

  test('the lock was written before a reboot (another boot id): stale even if the pid and start time match', () => {
    acquireLock(dbDir({ ...lockOwnerOf(sleeper()), bootId: '00000000-0000-4000-8000-000000000000' }))();
  });

  test('the owner is a zombie: stale, with its true start time and boot id, and in the old pid-only format', async () => {
    const pid = await zombie();
    acquireLock(dbDir(lockOwnerOf(pid)))();
    acquireLock(dbDir(String(pid)))();
  });

  test('a lock this process\'s pid wrote in an earlier life (pid 1 in a restarted container) is stale', () => {
    acquireLock(dbDir({ ...lockOwnerOf(), startTime: '1' }))();
  });

  test('an empty or torn lock file is stale', () => {
    acquireLock(dbDir(''))();
    acquireLock(dbDir('{"pid":'))();
  });
});
