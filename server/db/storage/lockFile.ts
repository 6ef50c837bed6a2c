// One server per dbPath: a lock file naming its owner by pid, process start time and boot id, taken over
// when that owner is gone. A pid alone lies after a crash: it may be a zombie, or reused by another process
// after a reboot or a container restart, and the server then refused to start ("already in use").
import fs from 'fs';
import path from 'path';

const held = new Set<string>();
const BOOT_ID = '/proc/sys/kernel/random/boot_id';

/** Who holds a lock: enough to tell the same process from a later one that got its pid. */
export interface LockOwner {
  pid: number;
  /** Clock ticks after boot when the process started (/proc/<pid>/stat field 22); absent where there is no /proc. */
  startTime?: string;
  /** The kernel's boot id (/proc/sys/kernel/random/boot_id): a start time only means something within one boot. */
  bootId?: string;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** State and start time of a process from /proc, or undefined where there is no /proc or no such process. */
function procStat(pid: number): { state: string; startTime: string } | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) may hold spaces and parentheses: count fields from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0], startTime: fields[19] };
}

/** How a process names itself in a lock file (this one when no pid is given). */
export function lockOwnerOf(pid: number = process.pid): LockOwner {
  const stat = procStat(pid);
  const bootId = readText(BOOT_ID);
  return { pid, ...(stat ? { startTime: stat.startTime } : {}), ...(bootId ? { bootId } : {}) };
}

function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process that wrote this lock still runs: not a zombie, not a later process with its pid, not from another boot. */
export function ownerAlive(owner: LockOwner): boolean {
  if (!Number.isSafeInteger(owner.pid) || owner.pid <= 0) return false;
  const bootId = readText(BOOT_ID);
  if (owner.bootId && bootId && owner.bootId !== bootId) return false;
  const stat = procStat(owner.pid);
  if (stat) return stat.state !== 'Z' && stat.state !== 'X' && (owner.startTime === undefined || owner.startTime === stat.startTime);
  // No /proc (macOS) or the process is gone: all we can ask is whether the pid answers.
  return !fs.existsSync('/proc/self/stat') && signalable(owner.pid);
}

/** The owner a lock file names: JSON now, a bare pid from before. */
function parseOwner(text: string): LockOwner | undefined {
  if (/^\d+$/.test(text)) return { pid: Number(text) };
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (typeof v.pid !== 'number') return undefined;
    return { pid: v.pid, startTime: typeof v.startTime === 'string' ? v.startTime : undefined, bootId: typeof v.bootId === 'string' ? v.bootId : undefined };
  } catch {
    return undefined;
  }
}

export function acquireLock(dir: string): () => void {
  const real = fs.realpathSync(dir);
  const file = path.join(real, 'mongod.lock');
  const refuse = (pid: number | string) =>
    new Error(
      `dbPath ${real} is already in use by another embedded MongoDB server (pid ${pid}); stop it or choose another --dbpath ` +
        `(if no such server is running, delete ${file})`,
    );
  if (held.has(real)) throw refuse(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify(lockOwnerOf()));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      held.add(real);
      return () => {
        held.delete(real);
        try {
          fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Empty or torn (a crash between create and write) is as stale as a dead owner.
      const owner = parseOwner(readText(file) ?? '');
      if (owner && owner.pid !== process.pid && ownerAlive(owner)) throw refuse(owner.pid);
      fs.unlinkSync(file);
    }
  }
  throw refuse('unknown');
}
