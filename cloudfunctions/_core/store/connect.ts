import { MongoClient, type Db } from 'mongodb';
import { ensureIndexes } from './collections';
import { migrateInboxOutbox } from './migrateMessages';
import { cleanStoredTexts } from './migrateText';
import { prepareCounters } from './migrateCounters';
import { numberOldWishes } from './migrateWishNumbers';

/** Default database name when the URI names none. */
export const DEFAULT_DB_NAME = 'xinyuan';

export interface Connection { client: MongoClient; db: Db; close(): Promise<void> }

/** `watch` sees the client before it connects (the server's metrics follow its pool from the first connection). */
export async function connect(uri: string, dbName?: string, watch?: (client: MongoClient) => void): Promise<Connection> {
  const client = new MongoClient(uri, { maxPoolSize: 50, serverSelectionTimeoutMS: 10_000, ignoreUndefined: true });
  watch?.(client);
  await client.connect();
  const db = client.db(dbName || undefined);
  const named = db.databaseName === 'test' && !/\/test(\?|$)/.test(uri) ? client.db(DEFAULT_DB_NAME) : db;
  await ensureIndexes(named);
  // After the indexes, so the folded messages meet the unique dedupeKey at once.
  await migrateInboxOutbox(named);
  await cleanStoredTexts(named);
  await prepareCounters(named);
  await numberOldWishes(named);
  return { client, db: named, close: () => client.close() };
}
