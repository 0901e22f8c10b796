/**
 * Reading captured bytes as an eavesdropper would (lib/wire-encryption.ts): a real plaintext
 * handshake's fields, the info hash found anywhere, and random bytes that never read as a
 * handshake; which wires each encryption mode keeps.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  acceptsWire,
  bytesToHex,
  hexToBytes,
  readWireBytes,
  webtorrentSecureLevel,
} from '../../lib/wire-encryption';

const infoHash = 'd3dde233c8c3098504' + '3b5f02c6cd7fb77fbd61b4'.padEnd(22, '0');
const peerId = Buffer.from('-LT2080-7yLye_8EWenp').toString('hex');

/** A BEP 3 handshake, built byte by byte: 19, the string, 8 reserved bytes, hash, peer id. */
function handshake(): Uint8Array {
  return Buffer.concat([
    Buffer.from([19]),
    Buffer.from('BitTorrent protocol', 'latin1'),
    Buffer.from([0, 0, 0, 0, 0, 0x10, 0, 5]),
    Buffer.from(infoHash, 'hex'),
    Buffer.from(peerId, 'hex'),
  ]);
}

test('a plaintext handshake reads as one: string at 1, info hash at 28, peer id at 48', () => {
  const r = readWireBytes(handshake(), infoHash);
  assert.equal(r.plaintextHandshake, true);
  assert.equal(r.protocolAt, 0);
  assert.equal(r.infoHashAt, 28);
  assert.equal(r.infoHash, infoHash);
  assert.equal(r.peerId, peerId);
  assert.deepEqual(
    r.fields.map((f) => [f.kind, f.start, f.end]),
    [
      ['length', 0, 1],
      ['protocol', 1, 20],
      ['reserved', 20, 28],
      ['infohash', 28, 48],
      ['peerid', 48, 68],
    ],
  );
});

test('a cut-off handshake marks what is there and claims no peer id', () => {
  const r = readWireBytes(handshake().subarray(0, 40), infoHash);
  assert.equal(r.plaintextHandshake, true);
  assert.equal(r.infoHash, null);
  assert.equal(r.peerId, null);
  assert.deepEqual(r.fields.at(-1), { kind: 'infohash', start: 28, end: 40 });
});

test('the signature after other bytes is found, but is not a handshake at byte 0', () => {
  const bytes = Buffer.concat([randomBytes(30), handshake()]);
  const r = readWireBytes(bytes, infoHash);
  assert.equal(r.plaintextHandshake, false);
  assert.equal(r.protocolAt, 30);
  assert.equal(r.infoHashAt, 58);
});

test('random bytes never read as a handshake, and look random', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 96, maxLength: 128 }), (bytes) => {
      fc.pre(bytes[0] !== 19);
      const r = readWireBytes(bytes, infoHash);
      assert.equal(r.plaintextHandshake, false);
      assert.equal(r.infoHash, null);
    }),
  );
  // 128 bytes from a real random source: over 60 distinct values (a handshake has ~40).
  assert.ok(readWireBytes(randomBytes(128)).distinct > 60);
  assert.ok(readWireBytes(handshake()).distinct < 45);
});

test('hex round-trips', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 128 }), (bytes) => {
      assert.deepEqual(hexToBytes(bytesToHex(bytes)), bytes);
    }),
  );
});

test('each mode keeps the wires it would have made, and maps to a webtorrent level', () => {
  assert.equal(acceptsWire('off', 'plaintext'), true);
  assert.equal(acceptsWire('off', 'rc4'), false);
  assert.equal(acceptsWire('preferred', 'plaintext'), true);
  assert.equal(acceptsWire('preferred', 'rc4'), true);
  assert.equal(acceptsWire('required', 'plaintext'), false);
  assert.equal(acceptsWire('required', 'rc4'), true);
  assert.equal(webtorrentSecureLevel('off'), 0);
  // Level 1 would answer a client offering both with MSE's plaintext method: never used.
  assert.equal(webtorrentSecureLevel('preferred'), 2);
  assert.equal(webtorrentSecureLevel('required'), 2);
});
