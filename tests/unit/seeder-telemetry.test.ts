import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SwarmModel } from '../../lib/swarm-model';
import type { SeededTorrent, WireView } from '../../lab-server/seeder';
import { createSeederTelemetry } from '../../lab-server/seeder-telemetry';

// The seeder's side is given as plain wire views: what the seeder's wires() would return.
const SEEDER = Buffer.from('-WW0300-seederseeder').toString('hex');
const ARIA2 = Buffer.from('A2-1-36-0-aria2aria2').toString('hex');
const PIECES = 8;

function wire(peerId: string, have: number, transport: WireView['transport'] = 'tcp'): WireView {
  return {
    peerId,
    transport,
    address: '192.0.2.9:6881',
    uploaded: have * 1024,
    downloaded: 0,
    uploadRate: 0,
    peerHas: (i) => i < have,
  };
}

function setup(lingerMs: number) {
  let wires: WireView[] = [];
  const onClosed: ((w: WireView) => void)[] = [];
  const torrent: SeededTorrent = {
    infoHash: 'b'.repeat(40),
    name: 'pack',
    pieceCount: PIECES,
    pieceLength: 1024,
    length: PIECES * 1024,
    wires: () => wires,
    onWireClosed: (l) => void onClosed.push(l),
  };
  const model = new SwarmModel();
  model.setTorrent(torrent);
  const telemetry = createSeederTelemetry({
    model,
    seederId: SEEDER,
    torrent,
    uploadRate: () => 0,
    lingerMs,
    intervalMs: 60_000,
  });
  return {
    model,
    telemetry,
    setWires: (w: WireView[]) => (wires = w),
    close: (w: WireView) => onClosed.forEach((l) => l(w)),
  };
}

test('a desktop client that finishes and hangs up stays in the model at 100% until the linger ends', async () => {
  const lab = setup(50);
  lab.setWires([wire(ARIA2, PIECES)]);
  lab.telemetry.sync();
  lab.setWires([]);
  lab.telemetry.sync();
  const peer = lab.model.getPeer(ARIA2);
  assert.equal(peer?.kind, 'desktop');
  assert.equal(peer?.client, 'aria2 1.36.0');
  assert.equal(peer?.have, PIECES);
  assert.equal(peer?.uploadRate, 0);
  await new Promise((r) => setTimeout(r, 60));
  lab.telemetry.sync();
  assert.equal(lab.model.getPeer(ARIA2), undefined);
  lab.telemetry.close();
});

test('a client that comes and goes between two polls is still recorded from its closed wire', () => {
  const lab = setup(10_000);
  lab.close(wire(ARIA2, PIECES, 'utp'));
  lab.telemetry.sync();
  assert.equal(lab.model.getPeer(ARIA2)?.have, PIECES);
  lab.telemetry.close();
});

test('the seeder dialling itself and WebRTC wires never become desktop peers', () => {
  const lab = setup(10_000);
  const browser = Buffer.from('-WW0300-browserbrows').toString('hex');
  lab.setWires([wire(SEEDER, 0, 'utp'), wire(browser, 3, 'webrtc')]);
  lab.telemetry.sync();
  assert.equal(lab.model.getPeer(SEEDER)?.kind, 'seeder');
  assert.equal(lab.model.getPeer(browser), undefined);
  lab.telemetry.close();
});
