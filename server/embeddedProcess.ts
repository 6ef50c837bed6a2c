import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

/**
 * The embedded database in a child process of its own: the gateway and the database
 * then use two cores instead of sharing one event loop (what `npm run serve` does).
 */
let started = 0;

export async function startEmbeddedProcess(dbPath: string): Promise<{ uri: string; pid: number; stop(): Promise<void> }> {
  const cli = path.join(__dirname, 'db', 'cli.ts');
  // A Unix socket, not loopback TCP: every database round trip costs the gateway less.
  const socketPath = path.join(os.tmpdir(), `xinyuan-db-${process.pid}-${++started}.sock`);
  const child = spawn(process.execPath, [...(process.env.XY_DB_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', cli, '--socket', socketPath, '--dbpath', dbPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: path.join(__dirname, '..'),
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-2000);
    if (process.env.XY_DB_TRACE) process.stderr.write(d);
  });
  const uri = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line.startsWith('mongodb://')) resolve(line.trim());
      else if (process.env.XY_DB_TRACE) process.stderr.write(`${line}\n`);
    });
    child.once('exit', (code) => reject(new Error(`embedded database exited (${code}): ${stderr}`)));
    child.once('error', reject);
  });
  let stopped: Promise<void> | undefined;
  return {
    uri,
    pid: child.pid!,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      })),
  };
}
