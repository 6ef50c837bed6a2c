import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

/**
 * The gateway (`server/main.ts`, as `npm run serve` runs it) in a process of its own over a given database, so a
 * test or the soak can kill it with SIGKILL mid-request and start another over the same data.
 */
export interface GatewayProcess {
  url: string;
  pid: number;
  /** Resident memory now, in MiB (Linux /proc). */
  rssMiB(): number | undefined;
  /** kill -9: no clean-up of any kind runs. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = path.join(__dirname, '..', '..');

export async function startGatewayProcess(mongoUri: string, dbName: string, env: Record<string, string> = {}): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      XINYUAN_MODE: 'local',
      MONGODB_URI: mongoUri,
      MONGODB_DB: dbName,
      PORT: '0',
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: '100000000',
      CRON_INTERVAL_MS: '0',
      ...env,
    },
  });
  // A test or bench that dies must not leave its gateway serving.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
    if (process.env.XY_GATEWAY_TRACE) process.stderr.write(d);
  });
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited (${code}) before listening: ${stderr}`)));
  });
  const exited = (c: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
    });
  return {
    url,
    pid: child.pid!,
    rssMiB() {
      try {
        const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return kb ? Number(kb[1]) / 1024 : undefined;
      } catch {
        return undefined;
      }
    },
    async crash() {
      child.kill('SIGKILL');
      await exited(child);
      process.removeListener('exit', orphan);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      process.removeListener('exit', orphan);
    },
  };
}
