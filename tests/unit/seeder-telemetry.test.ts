import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SwarmModel } from '../../lib/swarm-model';
import type { ListedPeer } from '../../lab-server/desktop-identity';
import type { SeededTorrent, WireView } from '../../lab-server/seeder';
import { createSeederTelemetry } from '../../lab-server/seeder-telemetry';

// The seeder's side is given as plain wire views: what the seeder's wires() returns for the
// clients seen in the classroom (addresses, ports and peer ids as those clients send them).
const SEEDER = Buffer.from('-WW0300-seederseeder').toString('hex');
const ARIA2 = Buffer.from('A2-1-36-0-aria2aria2').toString('hex');
const LT_1 = Buffer.from('-LT2090-firstfirstfi').toString('hex');
const LT_2 = Buffer.from('-LT2090-secondsecond').toString('hex');
const TR = Buffer.from('-TR3000-transmission').toString('hex');
const PIECES = 219;
const PIECE = 1024;

let nextWire = 1;
function wire(peerId: string, have: number, over: Partial<WireView> = {}): WireView {
  return {
    wireId: nextWire++,
    peerId,
    transport: 'tcp',
    host: '10.233.0.5',
    remotePort: 51234,
    outgoing: false,
    listenPort: 6881,
    uploaded: have * PIECE,
    downloaded: 0,
    uploadRate: 0,
    peerHas: (i) => i < have,
    ...over,
  };
}

function setup(lingerMs: number) {
  let wires: WireView[] = [];
  let listed: ListedPeer[] = [];
  let uploaded = 0;
  const onClosed: ((w: WireView) => void)[] = [];
  const torrent: SeededTorrent = {
    infoHash: 'b'.repeat(40),
    name: 'pack',
    pieceCount: PIECES,
    pieceLength: PIECE,
    length: PIECES * PIECE,
    uploaded: () => uploaded,
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
    listed: () => listed,
  });
  const desktops = () => model.snapshot().peers.filter((p) => p.kind === 'desktop');
  return {
    model,
    telemetry,
    desktops,
    setWires: (w: WireView[]) => (wires = w),
    setListed: (l: ListedPeer[]) => (listed = l),
    setUploaded: (n: number) => (uploaded = n),
    close: (w: WireView) => {
      wires = wires.filter((x) => x.wireId !== w.wireId);
      onClosed.forEach((l) => l(w));
    },
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
  lab.close(wire(ARIA2, PIECES, { transport: 'utp' }));
  lab.telemetry.sync();
  assert.equal(lab.model.getPeer(ARIA2)?.have, PIECES);
  lab.telemetry.close();
});

test('the seeder dialling itself and WebRTC wires never become desktop peers', () => {
  const lab = setup(10_000);
  const browser = Buffer.from('-WW0300-browserbrows').toString('hex');
  lab.setWires([wire(SEEDER, 0, { transport: 'utp' }), wire(browser, 3, { transport: 'webrtc' })]);
  lab.telemetry.sync();
  assert.equal(lab.model.getPeer(SEEDER)?.kind, 'seeder');
  assert.equal(lab.model.getPeer(browser), undefined);
  lab.telemetry.close();
});

test('libtorrent reconnecting with a new peer id is one peer, at 100%, not a frozen twin', () => {
  const lab = setup(10_000);
  const first = wire(LT_1, 216, { host: '10.233.0.7', listenPort: 6881 });
  lab.setWires([first]);
  lab.telemetry.sync();
  lab.close(first);
  lab.setWires([wire(LT_2, PIECES, { host: '10.233.0.7', remotePort: 40001, listenPort: 6881 })]);
  lab.telemetry.sync();
  const seen = lab.desktops();
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.id, LT_1);
  assert.equal(seen[0]!.have, PIECES);
  assert.equal(seen[0]!.address, '10.233.0.7:6881');
  // The seeder's bytes to it add up over both connections.
  assert.equal(seen[0]!.downloaded, (216 + PIECES) * PIECE);
  // Kicking it closes every peer id it used.
  assert.deepEqual(lab.telemetry.drop(LT_1).sort(), [LT_1, LT_2].sort());
  assert.equal(lab.desktops().length, 0);
  lab.telemetry.close();
});

test('aria2 dialled both ways, over TCP and uTP, with a mapped address is one peer under one address', () => {
  const lab = setup(10_000);
  lab.setWires([
    wire(ARIA2, 10, { host: '::ffff:10.233.0.5', remotePort: 50111, listenPort: null }),
    wire(ARIA2, 12, { host: '10.233.0.5', remotePort: 6881, outgoing: true, listenPort: null }),
    wire(ARIA2, 11, { host: '::ffff:10.233.0.5', remotePort: 50112, transport: 'utp' }),
    wire(ARIA2, 9, { host: '10.233.0.5', remotePort: 6881, outgoing: true, transport: 'utp' }),
  ]);
  lab.setListed([{ peerId: ARIA2, ip: '::ffff:10.233.0.5', port: 6881, complete: false }]);
  lab.telemetry.sync();
  const seen = lab.desktops();
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.address, '10.233.0.5:6881');
  assert.equal(seen[0]!.have, 12);
  lab.telemetry.close();
});

test('a listen port learnt after the first sighting merges the two entries', () => {
  const lab = setup(10_000);
  const w = wire(ARIA2, 3, { listenPort: null, host: '::ffff:10.233.0.5' });
  lab.setWires([w]);
  lab.telemetry.sync();
  lab.setWires([{ ...w, listenPort: 6881, peerHas: (i) => i < 5 }]);
  lab.telemetry.sync();
  const seen = lab.desktops();
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.address, '10.233.0.5:6881');
  assert.equal(seen[0]!.have, 5);
  lab.telemetry.close();
});

test('Transmission stays while the tracker lists it after hanging up, and counts as complete', async () => {
  const lab = setup(30);
  const w = wire(TR, 200, { host: '10.233.0.9', listenPort: 51413 });
  lab.setWires([w]);
  lab.telemetry.sync();
  lab.close(w);
  lab.setListed([{ peerId: TR, ip: '10.233.0.9', port: 51413, complete: true }]);
  await new Promise((r) => setTimeout(r, 50));
  lab.telemetry.sync();
  const seen = lab.desktops();
  assert.equal(seen.length, 1, 'still seeding to the class: still on the projector');
  assert.equal(seen[0]!.have, PIECES, 'the tracker says it has every piece');
  lab.setListed([]);
  lab.telemetry.sync();
  assert.equal(lab.desktops().length, 1, 'lingers a while after the tracker lets it go');
  await new Promise((r) => setTimeout(r, 50));
  lab.telemetry.sync();
  assert.equal(lab.desktops().length, 0);
  lab.telemetry.close();
});

test("the seeder's upload total is cumulative: it keeps the bytes of closed wires", () => {
  const lab = setup(10_000);
  const w = wire(ARIA2, 100);
  lab.setWires([w]);
  lab.setUploaded(77_600_000);
  lab.telemetry.sync();
  assert.equal(lab.model.getPeer(SEEDER)?.uploaded, 77_600_000);
  lab.close(w);
  lab.telemetry.sync();
  assert.equal(lab.model.getPeer(SEEDER)?.uploaded, 77_600_000);
  lab.telemetry.close();
});
