/**
 * The browser's slide sync client (components/slides/sync-client.ts) against the real lab slide
 * sync on port 0: followers take the presenter's moves, the presenter ignores its own echo, and
 * moves made while the lab is down reach it when it is back.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Server } from 'socket.io';
import { createSocketLayer } from '../../lab-server/socket-layer';
import { createInstructorAuth } from '../../lab-server/auth';
import type { LabSocketServer } from '../../lab-server/socket-layer';
import { createSlideSync, type SlideSync } from '../../lab-server/slide-sync';
import { SlideSyncClient, type SlideSyncSnapshot } from '../../components/slides/sync-client';

const TOKEN = 'a-test-token-of-enough-length';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-slides-client-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

async function startLab(
  port = 0,
): Promise<{ port: number; sync: SlideSync; stop: () => Promise<void> }> {
  const http: HttpServer = createServer();
  const io: LabSocketServer = new Server(http);
  const auth = createInstructorAuth(TOKEN);
  io.use((socket, next) => {
    socket.data.instructor = auth.check((socket.handshake.auth as { token?: unknown }).token);
    next();
  });
  const sockets = createSocketLayer({ io });
  const sync = createSlideSync({
    io,
    sockets,
    dataDir,
    deckShape: (d) => (d === 'intro' ? [0, 2, 0, 1] : null),
  });
  await new Promise<void>((r) => http.listen(port, '127.0.0.1', r));
  const stop = async () => {
    io.disconnectSockets(true);
    await sync.close();
    await new Promise<void>((r) => io.close(() => r()));
  };
  return { port: (http.address() as AddressInfo).port, sync, stop };
}

/** Resolves once the client's snapshot satisfies `ok`. */
function until(
  client: SlideSyncClient,
  ok: (s: SlideSyncSnapshot) => boolean,
  ms = 8000,
): Promise<SlideSyncSnapshot> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!ok(client.getSnapshot())) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(client.getSnapshot());
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out; last snapshot ${JSON.stringify(client.getSnapshot())}`));
    }, ms);
    const unsubscribe = client.subscribe(check);
    check();
  });
}

test('followers take the presenter’s moves; moves made while the lab is down arrive when it is back', async () => {
  let lab = await startLab();
  // The client opens its socket on the page's own origin, as in a browser.
  Object.defineProperty(globalThis, 'location', {
    value: new URL(`http://127.0.0.1:${lab.port}/`),
    configurable: true,
  });
  const presenter = new SlideSyncClient(TOKEN);
  const follower = new SlideSyncClient(null);
  try {
    await until(presenter, (s) => s.connected && s.instructor === true);
    await until(follower, (s) => s.connected && s.instructor === false);

    presenter.move({ deck: 'intro', slide: 2, step: 1 });
    const seen = await until(follower, (s) => s.state?.slide === 2);
    assert.deepEqual(seen.state, {
      deck: 'intro',
      slide: 2,
      step: 1,
      sender: presenter.self,
      seq: 1,
    });
    // The presenter's own echo changes nothing: its state is the one it proposed.
    assert.equal(presenter.getSnapshot().state?.seq, 1);

    // A follower that tries to move is refused and put back where the lab is.
    follower.move({ deck: 'intro', slide: 4, step: 0 });
    const refused = await until(follower, (s) => s.error !== null);
    assert.match(refused.error!, /only the instructor/);
    assert.equal(refused.state?.slide, 2);
    assert.equal(lab.sync.state()?.slide, 2);

    // The lab goes away; the presenter keeps presenting.
    const port = lab.port;
    await lab.stop();
    await until(presenter, (s) => !s.connected);
    presenter.move({ deck: 'intro', slide: 3, step: 0 });
    presenter.move({ deck: 'intro', slide: 4, step: 1 });
    assert.deepEqual(presenter.getSnapshot().state, {
      deck: 'intro',
      slide: 4,
      step: 1,
      sender: presenter.self,
      seq: 3,
    });

    // The lab comes back (same data dir): the presenter's newer state wins and reaches the follower.
    lab = await startLab(port);
    await until(follower, (s) => s.connected && s.state?.slide === 4, 15_000);
    assert.deepEqual(lab.sync.state(), {
      deck: 'intro',
      slide: 4,
      step: 1,
      sender: presenter.self,
      seq: 3,
    });
  } finally {
    presenter.close();
    follower.close();
    await lab.stop();
  }
});
