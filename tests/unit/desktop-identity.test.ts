import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  desktopKey,
  formatAddress,
  listenPortOf,
  normalizeHost,
  type WireAddress,
} from '../../lab-server/desktop-identity';

const at = (over: Partial<WireAddress>): WireAddress => ({
  peerId: 'aa',
  host: '10.233.0.5',
  remotePort: 50000,
  outgoing: false,
  listenPort: null,
  ...over,
});

test('addresses are written one way: mapped IPv4 as IPv4, IPv6 in brackets', () => {
  assert.equal(normalizeHost('::FFFF:10.233.0.5'), '10.233.0.5');
  assert.equal(formatAddress('::ffff:10.233.0.5', 6881), '10.233.0.5:6881');
  assert.equal(formatAddress('fd00::5', 6881), '[fd00::5]:6881');
  assert.equal(formatAddress('10.233.0.5', null), '10.233.0.5');
});

test('the listen port comes from the handshake, a dialled wire, or the tracker, never an ephemeral port', () => {
  assert.equal(listenPortOf(at({ listenPort: 6881 }), []), 6881);
  assert.equal(listenPortOf(at({ outgoing: true, remotePort: 6882 }), []), 6882);
  assert.equal(
    listenPortOf(at({}), [{ peerId: 'aa', ip: '10.233.0.5', port: 6883, complete: false }]),
    6883,
  );
  assert.equal(
    listenPortOf(at({ peerId: 'new' }), [
      { peerId: 'old', ip: '::ffff:10.233.0.5', port: 6884, complete: false },
    ]),
    6884,
  );
  assert.equal(listenPortOf(at({}), []), null);
  assert.equal(listenPortOf(at({ listenPort: 70000 }), []), null);
  assert.equal(desktopKey(at({}), []), '10.233.0.5/aa');
  assert.equal(
    desktopKey(at({ host: '::ffff:10.233.0.5', listenPort: 6881 }), []),
    '10.233.0.5:6881',
  );
});
