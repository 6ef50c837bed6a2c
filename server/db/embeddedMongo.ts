// Embedded MongoDB-compatible server: the default database for local use, demos and tests.
// Production uses a real MongoDB through MONGODB_URI; see server/db/README.md.
import { Durability } from './commands/dispatch';
import { MongoWireServer } from './server';
import { Engine } from './storage/engine';
import { openStore, Store } from './storage/store';
import { startTtlMonitor } from './commands/ttl';

export interface EmbeddedMongoOptions {
  /** 0 picks a free port. Default 27017. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Directory for the journal and snapshots; undefined or ':memory:' keeps everything in memory. */
  dbPath?: string;
  /** Replica set name the server reports. Default 'rs0'. */
  replSetName?: string;
  /**
   * Listen on this Unix socket instead of TCP: a process on the same machine then pays
   * far less per round trip than over loopback TCP. The URI connects directly to it.
   */
  socketPath?: string;
}

export interface EmbeddedMongo {
  uri: string;
  port: number;
  stop(): Promise<void>;
}

export async function startEmbeddedMongo(opts: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const host = opts.host ?? '127.0.0.1';
  const setName = opts.replSetName ?? 'rs0';
  const engine = new Engine();
  const store: Store | null = opts.dbPath && opts.dbPath !== ':memory:' ? await openStore(opts.dbPath, engine) : null;
  const durability: Durability = store ?? { commit: () => null };
  const server = new MongoWireServer(engine, durability, setName);
  let port: number;
  try {
    port = opts.socketPath ? await server.listenSocket(opts.socketPath) : await server.listen(opts.port ?? 27017, host);
  } catch (e) {
    await store?.close();
    throw e;
  }
  const stopTtl = startTtlMonitor(engine, server.dispatcher, durability);
  let stopped: Promise<void> | null = null;
  const uriHost = host.includes(':') ? `[${host}]` : host;
  return {
    uri: opts.socketPath
      ? `mongodb://${encodeURIComponent(opts.socketPath)}/?directConnection=true`
      : `mongodb://${uriHost}:${port}/?replicaSet=${encodeURIComponent(setName)}`,
    port,
    stop() {
      stopped ??= (async () => {
        stopTtl();
        server.dispatcher.abortAll();
        await server.close();
        await store?.close();
      })();
      return stopped;
    },
  };
}
