import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkVerdict, type CheckResults } from '../../lib/network-check';

const ok = { ok: true, ms: 12 };
const no = { ok: false, detail: 'x' };
const base: CheckResults = {
  http: ok,
  socket: ok,
  tracker: ok,
  candidates: ['host', 'srflx', 'relay'],
  seeder: { ...ok, local: 'host', remote: 'prflx' },
  classmate: { ...ok, local: 'host', remote: 'host' },
};

test('an ordinary LAN: all set', () => {
  const v = checkVerdict(base);
  assert.equal(v.level, 'good');
  assert.match(v.headline, /directly/);
});

test('an isolating Wi-Fi: limited, relayed, with the hotspot advice', () => {
  const v = checkVerdict({ ...base, classmate: { ...ok, local: 'relay', remote: 'host' } });
  assert.equal(v.level, 'limited');
  assert.match(v.headline, /relay/);
  assert.match(v.advice.join(' '), /phone hotspot or a wired switch/);
});

test('no classmate reachable: seeder only', () => {
  const v = checkVerdict({ ...base, classmate: no });
  assert.equal(v.level, 'limited');
  assert.match(v.headline, /no classmate/);
});

test('blocked when the tracker or the seeder is out of reach, saying why', () => {
  assert.equal(checkVerdict({ ...base, tracker: no }).level, 'blocked');
  const noWebrtc = checkVerdict({ ...base, seeder: no, candidates: [] });
  assert.equal(noWebrtc.level, 'blocked');
  assert.match(noWebrtc.advice[0]!, /WebRTC is disabled/);
  assert.match(checkVerdict({ ...base, seeder: no }).advice[0]!, /UDP/);
  assert.equal(checkVerdict({ ...base, http: no }).level, 'blocked');
});

test('no gateway: the STUN server is credited', () => {
  const v = checkVerdict({
    ...base,
    candidates: ['srflx', 'relay'],
    classmate: { ...ok, local: 'srflx', remote: 'srflx' },
  });
  assert.equal(v.level, 'good');
  assert.match(v.headline, /STUN/);
  assert.match(v.advice.join(' '), /no gateway/);
});

test('nobody else online: says so rather than failing', () => {
  const v = checkVerdict({ ...base, classmate: null });
  assert.equal(v.level, 'good');
  assert.match(v.headline, /No classmate was online/);
});

test('relayed while the rest of the room trades directly: the block is this laptop’s own', () => {
  const relayed = {
    ...base,
    classmate: { ...ok, local: 'relay' as const, remote: 'host' as const },
  };
  const own = checkVerdict({ ...relayed, room: { direct: 4, reflexive: 1, relayed: 1 } });
  assert.equal(own.level, 'limited');
  assert.match(own.headline, /only through the lab’s relay: your connection/);
  assert.match(own.advice.join(' '), /router doing NAT of its own/);
  // The whole room relayed: the room's network, not this laptop's.
  const room = checkVerdict({ ...relayed, room: { direct: 0, reflexive: 0, relayed: 5 } });
  assert.match(room.advice.join(' '), /phone hotspot or a wired switch/);
  assert.doesNotMatch(room.advice.join(' '), /this laptop’s side/);
  // No classmate at all while others trade directly: also this laptop's side.
  const none = checkVerdict({
    ...base,
    classmate: no,
    room: { direct: 3, reflexive: 0, relayed: 0 },
  });
  assert.match(none.advice.join(' '), /this laptop’s side/);
});
