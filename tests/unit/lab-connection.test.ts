/**
 * The browser's one connection to the lab (lib/browser/lab-connection.ts), against a real
 * socket.io server on 127.0.0.1: features share it, let go of it, and it comes back after the
 * lab hangs up.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { Server } from 'socket.io';
import { connectLab } from '../../lib/browser/lab-connection';

let io: Server;
let origin: string;
const connections: string[] = [];

before(async () => {
  const http = createServer();
  io = new Server(http);
  io.on('connection', (s) => connections.push(s.id));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => io.close(() => r())));

const until = async (what: string, fn: () => boolean) => {
  for (let i = 0; i < 100 && !fn(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(fn(), `timed out waiting for ${what}`);
};

test('features of one page share one connection; each one’s listeners go with it', async () => {
  const before = connections.length;
  const a = connectLab({ origin });
  const b = connectLab({ origin });
  assert.equal(a.socket, b.socket);
  let aConnects = 0;
  let bHeard = 0;
  a.onConnect(() => aConnects++);
  await until('the connection', () => a.socket.connected);
  // A feature that arrives after the connection is up still gets its onConnect.
  let lateConnects = 0;
  b.onConnect(() => lateConnects++);
  assert.equal(lateConnects, 1);
  b.on('lab:warning', () => bHeard++);
  a.close();
  io.emit('lab:warning', 'hello');
  await until('b to hear the lab', () => bHeard === 1);
  assert.ok(b.socket.connected, 'closing one feature leaves the others connected');
  assert.equal(connections.length - before, 1, 'one connection for both');
  assert.equal(aConnects, 1);
  b.close();
  await until('the last close to disconnect', () => !b.socket.connected);
});

test('the connection comes back after the lab hangs up on it', async () => {
  const link = connectLab({ origin, token: 'another-token-another-connection' });
  let connects = 0;
  link.onConnect(() => connects++);
  await until('the connection', () => connects === 1);
  for (const s of io.sockets.sockets.values()) s.disconnect(true);
  await until('the reconnect after a server-side disconnect', () => connects === 2);
  link.close();
  await until('closed', () => !link.socket.connected);
});
