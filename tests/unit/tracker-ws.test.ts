import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HELD_BY_ANOTHER, createWsGuard } from '../../lab-server/tracker-ws';

const announce = (peer: string) =>
  JSON.stringify({ action: 'announce', info_hash: 'h'.repeat(20), peer_id: peer.repeat(20) });

test('a held peer id is refused; the holder is named only to a connection of its own host', () => {
  // Hosts as the tracker reads them at the upgrade; Node forgets a dead socket's address later.
  const hosts = new Map<object, string | undefined>();
  const guard = createWsGuard({ hostOf: (s) => hosts.get(s) });
  const holder = {};
  const sameHost = {};
  const otherHost = {};
  const unknownHost = {};
  hosts.set(holder, '10.9.0.5').set(sameHost, '10.9.0.5').set(otherHost, '10.9.0.6');
  assert.equal(guard.check(holder, announce('a')).ok, true);
  hosts.set(holder, undefined);

  const fromSame = guard.check(sameHost, announce('a'));
  assert.ok(!fromSame.ok && fromSame.reason === HELD_BY_ANOTHER);
  assert.equal(fromSame.heldBy, holder, 'its own host may have the holder probed');
  for (const socket of [otherHost, unknownHost]) {
    const verdict = guard.check(socket, announce('a'));
    assert.ok(!verdict.ok && verdict.reason === HELD_BY_ANOTHER);
    assert.equal(verdict.heldBy, undefined, 'nobody else learns of a takeover');
  }
  // Once the holder is released the id is free for the same host.
  guard.release(holder);
  assert.equal(guard.check(sameHost, announce('a')).ok, true);
  assert.equal(guard.owners(), 1);
});
