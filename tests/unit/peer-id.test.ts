import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientFromPeerId } from '../../lib/peer-id';

const hex = (s: string) => Buffer.from(s.padEnd(20, 'x')).toString('hex');

test('decodes the clients a classroom sees', () => {
  assert.equal(clientFromPeerId(hex('-WW0300-')), 'WebTorrent 3.0');
  assert.equal(clientFromPeerId(hex('-qB4620-')), 'qBittorrent 4.6.2');
  assert.equal(clientFromPeerId(hex('-TR4050-')), 'Transmission 4.0.5');
  assert.equal(clientFromPeerId(hex('A2-1-37-0-')), 'aria2 1.37.0');
  assert.equal(clientFromPeerId(hex('-LT2090-')), 'libtorrent 2.0.9');
});

test('unknown and binary ids do not throw', () => {
  assert.equal(clientFromPeerId(hex('-ZZ1234-')), 'Unknown client (ZZ) 1.2.3.4');
  assert.equal(clientFromPeerId('00'.repeat(20)), 'Unknown client');
});
