// The embedded server on a Unix socket: how the gateway reaches its database child process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../server/db/embeddedMongo';

const embeddedOnly = process.env.MONGODB_URI ? describe.skip : describe;

embeddedOnly('the embedded server on a Unix socket', () => {
  const socketPath = path.join(os.tmpdir(), `xy-socket-test-${process.pid}.sock`);

  it('serves the driver, transactions included, and removes its socket when stopped', async () => {
    const server = await startEmbeddedMongo({ socketPath });
    const client = await MongoClient.connect(server.uri);
    try {
      const accounts = client.db('socket_test').collection<{ _id: string; v: number }>('accounts');
      await accounts.insertMany([{ _id: 'a', v: 100 }, { _id: 'b', v: 0 }]);
      await client.withSession((session) =>
        session.withTransaction(async () => {
          await accounts.updateOne({ _id: 'a' }, { $inc: { v: -30 } }, { session });
          await accounts.updateOne({ _id: 'b' }, { $inc: { v: 30 } }, { session });
        }),
      );
      expect(await accounts.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 'a', v: 70 }, { _id: 'b', v: 30 }]);
    } finally {
      await client.close();
      await server.stop();
    }
    expect(fs.existsSync(socketPath)).toBe(false);
  });

  it('takes over a socket file left by a server that died, but not one still answering', async () => {
    // A server killed with -9 leaves its socket file behind, with nobody listening.
    const crashed = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(socketPath)}, () => console.log('up'))`]);
    await new Promise((r) => crashed.stdout.once('data', r));
    crashed.kill('SIGKILL');
    await new Promise((r) => crashed.once('exit', r));
    expect(fs.existsSync(socketPath)).toBe(true);

    const first = await startEmbeddedMongo({ socketPath });
    try {
      await expect(startEmbeddedMongo({ socketPath })).rejects.toMatchObject({ code: 'EADDRINUSE' });
      const client = await MongoClient.connect(first.uri);
      expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
      await client.close();
    } finally {
      await first.stop();
    }
  });
});
