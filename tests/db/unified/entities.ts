// The entity map of one unified test: clients (with their observed events), databases, collections,
// sessions, cursors and saved results.
import { BSON, ClientSession, Collection, Db, MongoClient, MongoClientOptions, ReadConcern, ReadPreference, WriteConcern } from 'mongodb';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Commands whose events drivers must not surface (command logging and monitoring spec, "security"). */
const SENSITIVE = new Set(['authenticate', 'saslStart', 'saslContinue', 'getnonce', 'createUser', 'updateUser', 'copydbgetnonce', 'copydbsaslstart', 'copydb']);

const CMAP_EVENTS: Record<string, string> = {
  connectionPoolCreated: 'poolCreatedEvent',
  connectionPoolReady: 'poolReadyEvent',
  connectionPoolCleared: 'poolClearedEvent',
  connectionPoolClosed: 'poolClosedEvent',
  connectionCreated: 'connectionCreatedEvent',
  connectionReady: 'connectionReadyEvent',
  connectionClosed: 'connectionClosedEvent',
  connectionCheckOutStarted: 'connectionCheckOutStartedEvent',
  connectionCheckOutFailed: 'connectionCheckOutFailedEvent',
  connectionCheckedOut: 'connectionCheckedOutEvent',
  connectionCheckedIn: 'connectionCheckedInEvent',
};

export interface ObservedEvent {
  type: string;
  kind: 'command' | 'cmap';
  event: Any;
}

export class ClientEntity {
  readonly events: ObservedEvent[] = [];
  /** Every command started, observed or not: the lsid assertions read these. */
  readonly started: Any[] = [];
  checkedOut = 0;
  private recording = true;

  constructor(readonly client: MongoClient, spec: Any) {
    const observe = new Set<string>(spec.observeEvents ?? []);
    const ignore = new Set<string>(['configureFailPoint', ...(spec.ignoreCommandMonitoringEvents ?? [])]);
    const sensitiveOk = !!spec.observeSensitiveCommands;
    const keep = (e: Any) => {
      const name = e.commandName;
      if (ignore.has(name)) return false;
      if (!sensitiveOk && (SENSITIVE.has(name) || ((name === 'hello' || name.toLowerCase() === 'ismaster') && (!e.command || e.command.speculativeAuthenticate || Object.keys(e.command).length === 0)))) return false;
      return true;
    };
    const add = (type: string, e: Any) => {
      if (!this.recording || !keep(e)) return;
      // The driver may later mutate objects the command shares (a transaction's readConcern): keep it as sent.
      if (type === 'commandStartedEvent') {
        e = Object.assign(Object.create(Object.getPrototypeOf(e)), e, { command: BSON.deserialize(BSON.serialize(e.command), { promoteLongs: false }) });
        this.started.push(e);
      }
      if (observe.has(type)) this.events.push({ type, kind: 'command', event: e });
    };
    client.on('commandStarted', (e) => add('commandStartedEvent', e));
    client.on('commandSucceeded', (e) => add('commandSucceededEvent', e));
    client.on('commandFailed', (e) => add('commandFailedEvent', e));
    for (const [driverName, type] of Object.entries(CMAP_EVENTS)) {
      client.on(driverName as Any, (e: Any) => {
        if (driverName === 'connectionCheckedOut') this.checkedOut++;
        if (driverName === 'connectionCheckedIn') this.checkedOut--;
        if (this.recording && observe.has(type)) this.events.push({ type, kind: 'cmap', event: e });
      });
    }
  }

  stopRecording(): void {
    this.recording = false;
  }
}

export class EntityMap {
  private readonly map = new Map<string, Any>();
  constructor(private readonly uri: string) {}

  get(name: string): Any {
    if (!this.map.has(name)) throw new Error(`no entity named ${name}`);
    return this.map.get(name);
  }

  has(name: string): boolean {
    return this.map.has(name);
  }

  set(name: string, value: unknown): void {
    if (this.map.has(name)) throw new Error(`entity ${name} already exists`);
    this.map.set(name, value);
  }

  client(name: string): ClientEntity {
    const c = this.get(name);
    if (!(c instanceof ClientEntity)) throw new Error(`${name} is not a client`);
    return c;
  }

  session(name: string): ClientSession {
    const s = this.get(name);
    if (!(s instanceof ClientSession)) throw new Error(`${name} is not a session`);
    return s;
  }

  clients(): ClientEntity[] {
    return [...this.map.values()].filter((v) => v instanceof ClientEntity);
  }

  async create(entities: Any[]): Promise<void> {
    for (const entity of entities) {
      const [type, spec] = Object.entries(entity)[0] as [string, Any];
      switch (type) {
        case 'client':
          this.set(spec.id, await this.newClient(spec));
          break;
        case 'database': {
          const c = this.client(spec.client);
          this.set(spec.id, c.client.db(spec.databaseName, collectionOptions(spec.databaseOptions)));
          break;
        }
        case 'collection': {
          const db: Db = this.get(spec.database);
          this.set(spec.id, db.collection(spec.collectionName, collectionOptions(spec.collectionOptions)));
          break;
        }
        case 'session': {
          const c = this.client(spec.client);
          const o = spec.sessionOptions ?? {};
          const opts: Any = { ...o };
          if (typeof o.snapshotTime === 'string') opts.snapshotTime = this.get(o.snapshotTime);
          if (o.defaultTransactionOptions) opts.defaultTransactionOptions = transactionOptions(o.defaultTransactionOptions);
          const session = c.client.startSession(opts);
          // The driver has no snapshotTime session option; it reads the field when it builds a snapshot read concern.
          if (opts.snapshotTime) (session as Any).snapshotTime = opts.snapshotTime;
          this.set(spec.id, session);
          break;
        }
        default:
          throw new Error(`unsupported entity type ${type}`);
      }
    }
  }

  private async newClient(spec: Any): Promise<ClientEntity> {
    const url = new URL(this.uri);
    const options: MongoClientOptions = { monitorCommands: true };
    const uriOptions = { ...(spec.uriOptions ?? {}) };
    // After a network error the driver re-checks the server at most every minHeartbeatFrequencyMS (500 by default).
    if (!('heartbeatFrequencyMS' in uriOptions)) Object.assign(options, { heartbeatFrequencyMS: 500, minHeartbeatFrequencyMS: 20 });
    // A read preference no member of a one-node set satisfies fails in seconds, not the default 30.
    if (!('serverSelectionTimeoutMS' in uriOptions)) options.serverSelectionTimeoutMS = 3000;
    for (const [k, v] of Object.entries(uriOptions)) {
      if (k === 'appname') url.searchParams.set('appName', String(v));
      else if (k === 'readPreferenceTags' && Array.isArray(v)) for (const t of v) url.searchParams.append(k, String(t));
      else url.searchParams.set(k, String(v));
    }
    if (spec.serverApi) options.serverApi = spec.serverApi;
    const client = new MongoClient(url.toString(), options);
    const entity = new ClientEntity(client, spec);
    await client.connect();
    return entity;
  }

  /** End sessions, close cursors and clients. */
  async close(): Promise<void> {
    for (const v of this.map.values()) {
      if (v instanceof ClientEntity) v.stopRecording();
    }
    for (const v of this.map.values()) {
      if (v instanceof ClientSession) await v.endSession().catch(() => undefined);
      else if (v && typeof v.close === 'function' && !(v instanceof ClientEntity) && !(v instanceof MongoClient)) await v.close().catch(() => undefined);
    }
    for (const v of this.map.values()) if (v instanceof ClientEntity) await v.client.close(true).catch(() => undefined);
    this.map.clear();
  }
}

export function collectionOptions(o: Any | undefined): Any {
  if (!o) return undefined;
  const out: Any = {};
  if (o.readConcern) out.readConcern = new ReadConcern(o.readConcern.level);
  if (o.writeConcern) out.writeConcern = WriteConcern.fromOptions({ writeConcern: o.writeConcern });
  if (o.readPreference) out.readPreference = ReadPreference.fromOptions({ readPreference: o.readPreference });
  if (o.timeoutMS !== undefined) out.timeoutMS = o.timeoutMS;
  return out;
}

export function transactionOptions(o: Any | undefined): Any {
  if (!o) return undefined;
  const out: Any = { ...o };
  if (o.readConcern) out.readConcern = new ReadConcern(o.readConcern.level);
  if (o.writeConcern) out.writeConcern = o.writeConcern;
  if (o.readPreference) out.readPreference = ReadPreference.fromOptions({ readPreference: o.readPreference });
  return out;
}

export type { Collection };
