/**
 * The one socket registration helper, over a real socket.io server on 127.0.0.1 and real
 * clients: schema, token, optional ack, per-socket rate limit, and throws as replies.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { createInstructorAuth } from '../../lab-server/auth';
import {
  createSocketLayer,
  Refusal,
  type LabSocketServer,
  type SocketLayer,
} from '../../lab-server/socket-layer';
import { PrivacyMessage } from '../../lib/protocol';

const TOKEN = 'a-test-token-of-enough-length';
/** A raw client: the point is to send what the typed protocol would not allow. */
type Raw = Socket & { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };

let io: LabSocketServer;
let layer: SocketLayer;
let url: string;
const warnings: string[] = [];
const errors: string[] = [];
const handled: unknown[] = [];
const clients: Raw[] = [];

before(async () => {
  const http = createServer();
  io = new Server(http);
  const auth = createInstructorAuth(TOKEN);
  io.use((socket, next) => {
    socket.data.instructor = auth.check((socket.handshake.auth as { token?: unknown }).token);
    next();
  });
  layer = createSocketLayer({ io });
  layer.on('warning', (e: Error) => warnings.push(e.message));
  layer.on('error', (e: Error) => errors.push(e.message));
  // Any event name and payload type will do: privacy:set is instructor-only with a schema.
  layer.handle('privacy:set', {
    instructorOnly: true,
    schema: PrivacyMessage,
    rate: { burst: 3, perSecond: 1 },
    handle: (msg) => {
      handled.push(msg);
      if (msg.showAddresses) throw new Refusal('not today');
      return { ok: true };
    },
  });
  layer.handle('share:moderate', {
    handle: () => {
      throw new TypeError('a bug in the lab');
    },
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

after(async () => {
  clients.forEach((c) => c.disconnect());
  layer.close();
  await new Promise<void>((r) => io.close(() => r()));
});

async function client(token?: string): Promise<Raw> {
  const socket = connect(url, {
    transports: ['websocket'],
    auth: token ? { token } : {},
    forceNew: true,
  }) as Raw;
  clients.push(socket);
  await new Promise<void>((r) => socket.once('connect', () => r()));
  return socket;
}

const settle = () => new Promise((r) => setTimeout(r, 50));

test('without the token: refused with a reply, a warning and lab:warning', async () => {
  const s = await client();
  const told: string[] = [];
  s.on('lab:warning', (m: string) => told.push(m));
  const reply = await s.emitWithAck('privacy:set', { showAddresses: false });
  assert.deepEqual(reply, { ok: false, error: 'only the instructor can do that' });
  await settle();
  assert.equal(handled.length, 0);
  assert.ok(told.some((m) => /only the instructor/.test(m)));
  assert.ok(warnings.some((m) => /127\.0\.0\.1.*only the instructor/.test(m)));
});

test('no ack callback is a no-op, not a crash (issue 13 §2.3)', async () => {
  const s = await client(TOKEN);
  s.emit('privacy:set', { showAddresses: false });
  s.emit('privacy:set');
  await settle();
  assert.deepEqual(handled, [{ showAddresses: false }]);
  assert.deepEqual(errors, []);
});

test('a bad payload never reaches the handler; a Refusal is a warning, a bug an error', async () => {
  const s = await client(TOKEN);
  const before = handled.length;
  const bad = (await s.emitWithAck('privacy:set', { showAddresses: 'yes' })) as { ok: boolean };
  assert.equal(bad.ok, false);
  assert.equal(handled.length, before);
  assert.deepEqual(await s.emitWithAck('privacy:set', { showAddresses: true }), {
    ok: false,
    error: 'not today',
  });
  assert.deepEqual(errors, []);
  const bug = (await s.emitWithAck('share:moderate')) as { ok: boolean; error: string };
  assert.equal(bug.ok, false);
  assert.match(bug.error, /a bug in the lab/);
  assert.equal(errors.length, 1);
});

test('a flood is cut off per socket; other sockets are not affected', async () => {
  const flooder = await client(TOKEN);
  const other = await client(TOKEN);
  const replies = await Promise.all(
    Array.from(
      { length: 10 },
      () =>
        flooder.emitWithAck('privacy:set', { showAddresses: false }) as Promise<{ ok: boolean }>,
    ),
  );
  assert.equal(replies.filter((r) => r.ok).length, 3, 'the burst, then nothing');
  assert.match(JSON.stringify(replies.at(-1)), /too many messages/);
  const fine = (await other.emitWithAck('privacy:set', { showAddresses: false })) as {
    ok: boolean;
  };
  assert.equal(fine.ok, true);
  // One warning per flood, not one per dropped message.
  assert.equal(warnings.filter((w) => /too many/.test(w)).length, 1);
});

test('an event registered twice is a programming error', () => {
  assert.throws(() => layer.handle('share:moderate', { handle: () => ({ ok: true }) }));
});

test('an event that takes no message refuses one', async () => {
  const s = await client(TOKEN);
  const reply = (await s.emitWithAck('share:moderate', { surprise: true })) as { error: string };
  assert.match(reply.error, /takes no message/);
});
