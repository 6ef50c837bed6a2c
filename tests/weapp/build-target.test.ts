/**
 * The mini-program build itself refuses to make an app that reaches no server (issue 16 #18): run
 * without TARO_APP_API_BASE and TARO_APP_CLOUD_ENV, `npm run build:weapp` fails at once with a
 * message naming both, and leaves the existing build alone.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

test('a weapp build without a server or cloud env fails, naming both variables', () => {
  const app = path.join(root, 'dist', 'weapp', 'app.json');
  const before = fs.existsSync(app) ? fs.statSync(app).mtimeMs : undefined;
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.TARO_APP_API_BASE;
  delete env.TARO_APP_CLOUD_ENV;
  const run = spawnSync('npm', ['run', '-s', 'build:weapp'], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  const output = `${run.stdout}\n${run.stderr}`;
  expect(run.status).not.toBe(0);
  expect(output).toContain('TARO_APP_API_BASE');
  expect(output).toContain('TARO_APP_CLOUD_ENV');
  expect(fs.existsSync(app) ? fs.statSync(app).mtimeMs : undefined).toBe(before);
});
