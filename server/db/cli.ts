// `npm run db -- --port 27017 --dbpath .data/db` (or `--socket /tmp/x.sock`): runs the embedded server in the foreground.
import { startEmbeddedMongo } from './embeddedMongo';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const port = Number(arg('port') ?? 27017);
  const host = arg('host') ?? arg('bind_ip') ?? '127.0.0.1';
  const dbPath = arg('dbpath') ?? arg('dbPath');
  const socketPath = arg('socket');
  const server = await startEmbeddedMongo({ port, host, dbPath, replSetName: arg('replSet'), socketPath });
  console.log(server.uri);
  console.error(`embedded mongo listening on ${socketPath ?? `${host}:${server.port}`} (${dbPath && dbPath !== ':memory:' ? `dbpath ${dbPath}` : 'in memory'}); Ctrl-C to stop`);
  let stopping = false;
  const stop = async () => {
    if (stopping) {
      // A second Ctrl-C while the journal is being compacted: leave now, recovery will replay it.
      process.exit(1);
    }
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  // Started as a child process (tests, `npm start`) whose parent died without stopping us: an orphan
  // would keep the dbPath lock and refuse the next server, so stop cleanly instead.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop();
  }, 1000).unref();
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
