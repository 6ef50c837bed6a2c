import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const ROOT = path.resolve(__dirname, '../..');

/** A gateway (or a `--workers` primary) in a process of its own, as `npm start` runs it. */
export interface GatewayProcess {
  child: ChildProcess;
  /** Every stdout line so far (JSON log lines and the banner). */
  lines: string[];
  /** Resolves with the first line matching `pattern` (already printed or yet to come). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function spawnGateway(env: Record<string, string>, args: string[] = []): GatewayProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', XINYUAN_MODE: 'local', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve(line: string): void }[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const w of [...waiters]) if (w.pattern.test(line)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(line);
    }
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    lines,
    waitFor(pattern, timeoutMs = 60_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} in ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        waiters.push({ pattern, resolve: (l) => { clearTimeout(timer); resolve(l); } });
        void exited.then(() => { clearTimeout(timer); reject(new Error(`gateway exited (${child.exitCode}) before ${pattern}; stderr: ${stderr}`)); });
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** The URL a gateway prints once it listens. */
export async function urlOf(p: GatewayProcess): Promise<string> {
  const line = await p.waitFor(/已启动：http:\/\/\S+/);
  return /已启动：(http:\/\/\S+)/.exec(line)![1];
}
