import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBans, type BannedWire } from '../../lab-server/seeder-bans';

const wire = (over: Partial<BannedWire>): BannedWire => ({
  peerId: 'aa'.repeat(20),
  host: '10.9.0.5',
  remotePort: 51234,
  outgoing: false,
  listenPort: 6881,
  transport: 'tcp',
  ...over,
});

test('a kicked desktop client stays out under a new peer id, at its listen address only', () => {
  const bans = createBans();
  bans.ban('aa'.repeat(20), [wire({})]);
  const newId = 'bb'.repeat(20);
  assert.equal(bans.refuses(wire({ peerId: newId })), true, 'its BEP 10 p');
  assert.equal(
    bans.refuses(
      wire({
        peerId: newId,
        host: '::ffff:10.9.0.5',
        listenPort: null,
        outgoing: true,
        remotePort: 6881,
      }),
    ),
    true,
    'a wire the seeder dialled at that port',
  );
  assert.equal(
    bans.refuses(wire({ peerId: newId, listenPort: 6882 })),
    false,
    'another client there',
  );
  assert.equal(bans.refuses(wire({ peerId: newId, host: '10.9.0.6' })), false, 'another laptop');
  assert.equal(
    bans.refuses(wire({ peerId: newId, listenPort: null })),
    false,
    'port unknown: let in',
  );
});

test('browsers are banned by peer id only (a WebRTC wire has no listen address)', () => {
  const bans = createBans();
  bans.ban('cc'.repeat(20), [wire({ peerId: 'cc'.repeat(20), transport: 'webrtc' })]);
  assert.equal(bans.refuses(wire({ peerId: 'cc'.repeat(20), transport: 'webrtc' })), true);
  assert.equal(bans.refuses(wire({ peerId: 'dd'.repeat(20) })), false);
});
