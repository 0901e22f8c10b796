/**
 * The lab's slide sync over a real socket.io server on port 0, with real clients: only the
 * instructor moves the class, newer states win, and the state survives a restart.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { createSocketLayer } from '../../lab-server/socket-layer';
import { createInstructorAuth } from '../../lab-server/auth';
import type { LabSocketServer } from '../../lab-server/socket-layer';
import { createSlideSync, SLIDE_STATE_FILE } from '../../lab-server/slide-sync';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SlideMoveReply,
  SlideWatchReply,
} from '../../lib/protocol';
import type { SlideSyncState } from '../../lib/slides/sync';

const TOKEN = 'a-test-token-of-enough-length';
const SHAPES: Record<string, number[]> = { intro: [0, 2, 0], other: [1] };
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function startLab(dataDir: string) {
  const http = createServer();
  const io: LabSocketServer = new Server(http);
  const auth = createInstructorAuth(TOKEN);
  io.use((socket, next) => {
    socket.data.instructor = auth.check((socket.handshake.auth as { token?: unknown }).token);
    next();
  });
  const sockets = createSocketLayer({ io });
  const sync = createSlideSync({ io, sockets, dataDir, deckShape: (d) => SHAPES[d] ?? null });
  const warnings: string[] = [];
  sync.on('warning', (e: Error) => warnings.push(e.message));
  sockets.on('warning', (e: Error) => warnings.push(e.message));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: Client[] = [];
  const client = async (token?: string) => {
    const socket: Client = connect(url, {
      transports: ['websocket'],
      auth: token ? { token } : {},
      forceNew: true,
    });
    clients.push(socket);
    const watch = await new Promise<SlideWatchReply>((resolve) =>
      socket.emit('slides:watch', resolve),
    );
    return { socket, watch };
  };
  const close = async () => {
    clients.forEach((c) => c.disconnect());
    await sync.close();
    await new Promise<void>((r) => io.close(() => r()));
  };
  return { sync, client, close, warnings };
}

const move = (socket: Client, state: SlideSyncState) =>
  new Promise<SlideMoveReply>((resolve) => socket.emit('slides:move', state, resolve));

const state = (seq: number, slide = 2, step = 0, deck = 'intro'): SlideSyncState => ({
  deck,
  slide,
  step,
  sender: 'presenter-1',
  seq,
});

const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-slides-'));
  dirs.push(d);
  return d;
};

test('only a socket with the instructor token moves the class; everyone watching hears it', async () => {
  const lab = await startLab(tempDir());
  try {
    const presenter = await lab.client(TOKEN);
    const attendee = await lab.client();
    const impostor = await lab.client('a-wrong-token-of-enough-length');
    assert.deepEqual(presenter.watch, { state: null, instructor: true });
    assert.deepEqual(attendee.watch, { state: null, instructor: false });
    assert.equal(impostor.watch.instructor, false);

    const heard: SlideSyncState[] = [];
    attendee.socket.on('slides:moved', (s) => heard.push(s));

    for (const who of [attendee, impostor]) {
      const refused = await move(who.socket, state(99, 3));
      assert.equal(refused.ok, false);
      assert.match(refused.error!, /only the instructor/);
    }
    assert.equal(lab.sync.state(), null);

    const ok = await move(presenter.socket, state(1, 2, 1));
    assert.deepEqual(ok, { ok: true, saved: true, state: state(1, 2, 1) });
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(heard, [state(1, 2, 1)]);
    assert.equal(lab.warnings.length, 2);
  } finally {
    await lab.close();
  }
});

test('a stale or impossible move is refused and the reply carries the state the lab kept', async () => {
  const lab = await startLab(tempDir());
  try {
    const { socket } = await lab.client(TOKEN);
    assert.ok((await move(socket, state(5))).ok);
    const stale = await move(socket, { ...state(5, 3), sender: 'presenter-2' });
    assert.deepEqual(stale, {
      ok: false,
      error: 'stale: the class has already moved on',
      state: state(5),
    });
    for (const bad of [
      state(6, 4),
      state(6, 2, 3),
      state(6, 1, 0, 'nope'),
      { ...state(6), seq: 0 },
      { ...state(6), sender: 'x y' },
    ]) {
      const reply = await move(socket, bad);
      assert.equal(reply.ok, false, JSON.stringify(bad));
      assert.deepEqual(reply.state, state(5));
    }
    assert.deepEqual(lab.sync.state(), state(5));
    // A garbage payload is a warning, never a crash.
    (socket as unknown as { emit: (...a: unknown[]) => void }).emit(
      'slides:move',
      'garbage',
      () => {},
    );
    assert.ok((await move(socket, state(6, 3))).ok);
  } finally {
    await lab.close();
  }
});

test('the kept state is written to the data dir and a restarted lab starts from it', async () => {
  const dataDir = tempDir();
  const first = await startLab(dataDir);
  const { socket } = await first.client(TOKEN);
  for (let seq = 1; seq <= 20; seq++) await move(socket, state(seq, 1 + (seq % 3)));
  await first.close();
  assert.deepEqual(
    JSON.parse(readFileSync(path.join(dataDir, SLIDE_STATE_FILE), 'utf8')),
    state(20, 3),
  );

  const second = await startLab(dataDir);
  try {
    const attendee = await second.client();
    assert.deepEqual(attendee.watch.state, state(20, 3));
    // The presenter carries on from the restored sequence number.
    const presenter = await second.client(TOKEN);
    assert.equal((await move(presenter.socket, state(20, 1))).ok, false);
    assert.equal((await move(presenter.socket, state(21, 1))).ok, true);
  } finally {
    await second.close();
  }
});

test('a damaged or outdated state file is ignored with a warning, or repaired', async () => {
  const dataDir = tempDir();
  writeFileSync(path.join(dataDir, SLIDE_STATE_FILE), '{"deck": 12');
  const damaged = await startLab(dataDir);
  await new Promise((r) => setImmediate(r));
  assert.equal(damaged.sync.state(), null);
  assert.match(damaged.warnings[0]!, /slide-state\.json: ignored/);
  await damaged.close();

  // The deck lost slides since the state was saved: the lab clamps to its last slide.
  writeFileSync(path.join(dataDir, SLIDE_STATE_FILE), JSON.stringify(state(7, 9, 4)));
  const outdated = await startLab(dataDir);
  assert.deepEqual(outdated.sync.state(), state(7, 3, 0));
  await outdated.close();
});

test('a move that jumps the sequence number to 2^53 - 1 is refused, and later moves still work', async () => {
  // Issue 13 §2.9: seq 2^53 - 1 was accepted and saved; no later move could ever be newer.
  const dataDir = tempDir();
  const lab = await startLab(dataDir);
  try {
    const { socket } = await lab.client(TOKEN);
    assert.ok((await move(socket, state(1))).ok);
    for (const seq of [Number.MAX_SAFE_INTEGER, 2 ** 31, 1 + 1001]) {
      const reply = await move(socket, { ...state(1, 2), seq });
      assert.equal(reply.ok, false, `seq ${seq} was accepted`);
      assert.deepEqual(reply.state, state(1));
    }
    assert.ok((await move(socket, state(2, 2))).ok);
    assert.ok((await move(socket, state(1000, 3))).ok, 'a page offline for a while may skip ahead');
    assert.deepEqual(lab.sync.state(), state(1000, 3));
  } finally {
    await lab.close();
  }
  // A file saved by an older lab with such a number is ignored, not obeyed for good.
  writeFileSync(
    path.join(dataDir, SLIDE_STATE_FILE),
    JSON.stringify({ ...state(1, 2), seq: Number.MAX_SAFE_INTEGER }),
  );
  const restarted = await startLab(dataDir);
  await new Promise((r) => setImmediate(r));
  assert.equal(restarted.sync.state(), null);
  await restarted.close();
});

test('a move the lab could not write to disk says so', async () => {
  const dataDir = tempDir();
  // The data dir is a file: every write fails, as on a full or read-only disk.
  const blocked = path.join(dataDir, 'not-a-dir');
  writeFileSync(blocked, '');
  const lab = await startLab(blocked);
  try {
    const { socket } = await lab.client(TOKEN);
    const reply = await move(socket, state(1, 2));
    assert.equal(reply.ok, true);
    assert.equal(reply.saved, false);
    assert.match(reply.error!, /could not save/);
    assert.ok(lab.warnings.some((w) => /could not save the slide state/.test(w)));
  } finally {
    await lab.close();
  }
});
