// The TCP listener: accepts connections and owns the shared state they all talk to.
import { ObjectId } from 'bson';
import fs from 'node:fs';
import { connect, createServer, Server, Socket } from 'net';
import { ServerInfo } from './commands/context';
import { Dispatcher, Durability } from './commands/dispatch';
import { Engine } from './storage/engine';
import { Connection } from './wire/connection';

export class MongoWireServer {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private nextConnectionId = 1;
  private readonly sockets = new Set<Socket>();
  /** Bytes moved by connections already closed (open ones are read off their sockets). */
  private readonly closedBytes = { in: 0, out: 0 };
  readonly dispatcher: Dispatcher;
  readonly info: ServerInfo;

  constructor(readonly engine: Engine, durability: Durability, setName: string) {
    const metrics = {
      opcounters: { insert: 0, query: 0, update: 0, delete: 0, getmore: 0, command: 0 },
      traffic: () => this.traffic(),
    };
    this.info = { host: '127.0.0.1', port: 0, setName, processId: new ObjectId(), electionId: new ObjectId('7fffffff0000000000000001'), startedAt: new Date(), metrics };
    this.dispatcher = new Dispatcher(engine, this.info, durability);
    this.server = createServer((socket: Socket) => {
      this.sockets.add(socket);
      const c = new Connection(socket, this.nextConnectionId++, this.dispatcher, (x) => {
        this.connections.delete(x);
        this.dispatcher.connectionClosed(x.id);
        this.sockets.delete(socket);
        this.closedBytes.in += socket.bytesRead;
        this.closedBytes.out += socket.bytesWritten;
      });
      this.connections.add(c);
    });
  }

  private traffic() {
    let bytesIn = this.closedBytes.in;
    let bytesOut = this.closedBytes.out;
    for (const s of this.sockets) {
      bytesIn += s.bytesRead;
      bytesOut += s.bytesWritten;
    }
    return { current: this.connections.size, totalCreated: this.nextConnectionId - 1, bytesIn, bytesOut };
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const addr = this.server.address();
        const actual = typeof addr === 'object' && addr ? addr.port : port;
        this.info.host = host;
        this.info.port = actual;
        resolve(actual);
      });
    });
  }

  /** A socket left by a server that died is removed; one still answering is refused (EADDRINUSE). */
  async listenSocket(socketPath: string): Promise<number> {
    if (fs.existsSync(socketPath) && !(await answers(socketPath))) fs.unlinkSync(socketPath);
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(socketPath, () => {
        this.server.off('error', reject);
        this.info.host = socketPath;
        this.info.port = 0;
        resolve(0);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const c of this.connections) c.close();
    });
  }
}

function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}
