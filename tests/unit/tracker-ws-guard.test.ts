import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createWsGuard } from '../../lab-server/tracker-ws';

const announce = (peer: string) =>
  JSON.stringify({
    action: 'announce',
    info_hash: 'h'.repeat(20),
    peer_id: peer.repeat(20),
    event: 'started',
    numwant: 0,
    offers: [],
  });

test('the same host takes its peer id over even after its old connection lost its address', () => {
  // Node stops reporting a socket's remote address once the TCP connection is gone — exactly
  // when a page that lost its Wi-Fi comes back on a new connection.
  const hosts = new Map<object, string | undefined>();
  const taken: object[] = [];
  const guard = createWsGuard({ hostOf: (s) => hosts.get(s), takeOver: (s) => taken.push(s) });
  const old = {};
  const fresh = {};
  const stranger = {};
  hosts.set(old, '10.9.0.5').set(fresh, '10.9.0.5').set(stranger, '10.9.0.6');
  assert.equal(guard.check(old, announce('a')).ok, true);
  hosts.set(old, undefined);
  const other = guard.check(stranger, announce('a'));
  assert.equal(other.ok, false, 'another host may not take the id');
  assert.equal(guard.check(fresh, announce('a')).ok, true);
  assert.deepEqual(taken, [old]);
});
