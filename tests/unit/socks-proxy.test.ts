import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { allowList, isAllowed } from '../../lab-server/socks-proxy';

const room = allowList(['10.233.7.2/24', '127.0.0.0/8', '::1/128']);

test('the room and loopback are reachable, nothing else', () => {
  for (const ok of ['10.233.7.1', '10.233.7.254', '127.0.0.1', '127.9.9.9', '::1'])
    assert.equal(isAllowed(room, ok), true, ok);
  for (const no of ['10.233.8.1', '192.0.2.1', '8.8.8.8', '2001:db8::1', '::'])
    assert.equal(isAllowed(room, no), false, no);
});

test('an IPv4-mapped IPv6 destination is judged as its IPv4 address', () => {
  assert.equal(isAllowed(room, '::ffff:10.233.7.9'), true);
  assert.equal(isAllowed(room, '::ffff:192.0.2.1'), false);
});

test('names are never allowed: resolving one could lead outside', () => {
  for (const name of ['localhost', 'example.com', '10.233.7.1.nip.io', ''])
    assert.equal(isAllowed(room, name), false, name);
});

test('any IPv4 address outside 10.233.7.0/24 and 127/8 is refused', () => {
  fc.assert(
    fc.property(fc.ipV4(), (ip) => {
      const inside = ip.startsWith('10.233.7.') || ip.startsWith('127.');
      assert.equal(isAllowed(room, ip), inside, ip);
    }),
  );
});

test('a bad subnet in the configuration fails loudly', () => {
  for (const bad of ['10.0.0.0', '10.0.0.0/33', 'lab/24', '::1/129'])
    assert.throws(() => allowList([bad]), /not a subnet/, bad);
});
