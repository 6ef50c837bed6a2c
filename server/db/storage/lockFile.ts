// One server per dbPath: a pid file created exclusively, taken over only if its owner is dead.
import fs from 'fs';
import path from 'path';

const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
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
      fs.writeSync(fd, String(process.pid));
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
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (pid && pid !== process.pid && alive(pid)) throw refuse(pid);
      // Left behind by a crashed server (kill -9): safe to take over.
      fs.unlinkSync(file);
    }
  }
  throw refuse('unknown');
}
