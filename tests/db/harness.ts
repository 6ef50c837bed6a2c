// Contract-suite harness: the embedded server by default, any real MongoDB when MONGODB_URI is set.
import { Db, MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../server/db/embeddedMongo';

export interface Harness {
  client: MongoClient;
  db: Db;
  uri: string;
  embedded: boolean;
}

// jest's per-project testTimeout is not applied to projects; set it here for every contract file.
jest.setTimeout(60_000);

/** Registers beforeAll/afterAll for one test file; each file gets its own database name. */
export function useMongo(fileTag: string): Harness {
  const h = {} as Harness;
  let stop: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    let uri = process.env.MONGODB_URI;
    h.embedded = !uri;
    if (!uri) {
      const server = await startEmbeddedMongo({ port: 0 });
      uri = server.uri;
      stop = server.stop;
    }
    h.uri = uri;
    h.client = new MongoClient(uri);
    await h.client.connect();
    h.db = h.client.db(`contract_${fileTag}_${process.pid}_${Date.now().toString(36)}`);
  });
  afterAll(async () => {
    await h.db?.dropDatabase().catch(() => undefined);
    await h.client?.close();
    await stop?.();
  });
  return h;
}
