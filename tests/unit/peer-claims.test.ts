import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPeerClaims } from '../../lab-server/peer-claims';

const id = 'ab'.repeat(20);

test('a peer id belongs to its first socket; another socket needs the secret', () => {
  const released: string[] = [];
  const claims = createPeerClaims({ graceMs: 1000, release: (p) => released.push(p) });
  const secret = claims.claim(id, 's1');
  assert.ok(secret);
  assert.equal(claims.claim(id, 's1'), secret, 'the owner may say hello again');
  assert.equal(claims.claim(id, 's2'), null, 'an impostor is refused');
  assert.equal(claims.claim(id, 's2', 'wrong'), null);
  assert.equal(claims.claim(id, 's3', secret), secret, 'the same page, reconnected');
  assert.ok(claims.owns(id, 's3'));
  assert.ok(!claims.owns(id, 's1'));
  // The old socket's disconnect does not touch the page's new claim.
  claims.leave(id, 's1');
  claims.drop(id, 's1');
  assert.ok(claims.owns(id, 's3'));
  assert.deepEqual(released, []);
  claims.close();
});

test('a dropped socket keeps its id for the grace period, then it is released', async () => {
  const released: string[] = [];
  const claims = createPeerClaims({ graceMs: 50, release: (p) => released.push(p) });
  const secret = claims.claim(id, 's1')!;
  claims.leave(id, 's1');
  assert.equal(claims.claim(id, 'x'), null, 'still the page’s during the grace period');
  assert.equal(claims.claim(id, 's2', secret), secret);
  await new Promise((r) => setTimeout(r, 80));
  assert.deepEqual(released, [], 'reclaimed in time: not released');
  claims.leave(id, 's2');
  await new Promise((r) => setTimeout(r, 80));
  assert.deepEqual(released, [id]);
  assert.ok(claims.claim(id, 'x'), 'free again after the grace period');
  claims.close();
});
