// What every command handler gets. Handlers are synchronous: nothing can interleave with a command.
import { ObjectId } from 'bson';
import { Doc } from '../index/values';
import { View } from '../query/view';
import { Engine, LogRecord } from '../storage/engine';
import { Transaction } from '../txn/transaction';
import { Writer } from '../txn/writer';
import { CursorStore } from './cursors';

export interface ServerInfo {
  host: string;
  port: number;
  setName: string;
  processId: ObjectId;
  electionId: ObjectId;
  startedAt: Date;
  /** What serverStatus reports beyond the state itself. */
  metrics: ServerMetrics;
}

/** Counters as mongod keeps them: documents inserted, statements updated/deleted, other commands. */
export interface ServerMetrics {
  opcounters: { insert: number; query: number; update: number; delete: number; getmore: number; command: number };
  /** Connections and bytes, from the listener (zeros until it is listening). */
  traffic(): { current: number; totalCreated: number; bytesIn: number; bytesOut: number };
}

export interface CommandContext {
  engine: Engine;
  info: ServerInfo;
  cursors: CursorStore;
  db: string;
  view: View;
  writer: Writer;
  txn: Transaction | null;
  /** Journal records produced by a non-transactional command. */
  log: LogRecord[];
  connectionId: number;
  lsidKey: string | null;
  /** The sessions this server knows ($listLocalSessions). */
  localSessions(): Doc[];
}

export type Handler = (cmd: Doc, ctx: CommandContext) => Doc;
