/** HandshakeSequence's bytes, checked against the layouts of BEP 3. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  bitfield,
  BLOCK,
  cancel,
  choke,
  encode,
  handshake,
  have,
  hexToBytes,
  interested,
  label,
  notInterested,
  piece,
  request,
  reservedMeaning,
  toHex,
  unchoke,
  type WireMessage,
} from '../../lib/diagrams/peer-wire';
import { wireScript } from '../../lib/diagrams/wire-script';

const hex = (m: WireMessage) => toHex(encode(m), '');

test('the handshake is 68 bytes: 19, "BitTorrent protocol", 8 reserved, info_hash, peer_id', () => {
  const infoHash = hexToBytes('aa'.repeat(20));
  const peerId = new TextEncoder().encode('-SL0100-abcdefghijkl');
  const bytes = encode(handshake(infoHash, peerId));
  assert.equal(bytes.length, 68);
  assert.equal(bytes[0], 19);
  assert.equal(new TextDecoder().decode(bytes.subarray(1, 20)), 'BitTorrent protocol');
  assert.deepEqual(bytes.subarray(20, 28), new Uint8Array(8));
  assert.deepEqual(bytes.subarray(28, 48), infoHash);
  assert.deepEqual(bytes.subarray(48, 68), peerId);
  assert.throws(() => handshake(new Uint8Array(19), peerId), RangeError);
});

test('messages without payload: length 1, then the id', () => {
  assert.equal(hex(choke()), '0000000100');
  assert.equal(hex(unchoke()), '0000000101');
  assert.equal(hex(interested()), '0000000102');
  assert.equal(hex(notInterested()), '0000000103');
});

test('have, request, cancel and piece carry big-endian 4-byte integers', () => {
  assert.equal(hex(have(5)), '000000050400000005');
  assert.equal(hex(request(1, 0x4000, 0x4000)), '0000000d06000000010000400000004000');
  assert.equal(hex(cancel(1, 0x4000, 0x4000)), '0000000d08000000010000400000004000');
  assert.equal(hex(have(0x01020304)), '000000050401020304');
  const block = new Uint8Array(BLOCK).fill(0xab);
  const bytes = encode(piece(3, 0, block));
  assert.equal(bytes.length, 4 + 1 + 4 + 4 + BLOCK);
  assert.equal(toHex(bytes.subarray(0, 13), ''), '00004009' + '07' + '00000003' + '00000000');
  assert.ok(bytes.subarray(13).every((b) => b === 0xab));
});

test('a bitfield has the high bit of byte 0 for piece 0 and zero spare bits', () => {
  const bits = Uint8Array.of(0b1111_1011, 0b0111_0000);
  const m = bitfield(bits, 12);
  assert.equal(hex(m), '0000000305fb70');
  assert.equal(m.fields.at(-1)!.value, '11111011 01110000: pieces 0, 1, 2, 3, 4, 6, 7, 9, 10, 11');
});

test('every length prefix counts exactly the bytes after it', () => {
  fc.assert(
    fc.property(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 600 }), (i, b, n) => {
      for (const m of [
        have(i),
        request(i, b, n),
        cancel(i, b, n),
        piece(i, b, new Uint8Array(n)),
        bitfield(new Uint8Array(n), n * 8),
      ]) {
        const bytes = encode(m);
        const prefix = new DataView(bytes.buffer).getUint32(0, false);
        assert.equal(prefix, bytes.length - 4, m.name);
      }
    }),
  );
});

test('reserved bits are named, labels read like calls', () => {
  assert.equal(reservedMeaning(new Uint8Array(8)), 'all zero: no extensions');
  assert.equal(
    reservedMeaning(Uint8Array.of(0, 0, 0, 0, 0, 0x10, 0, 0x05)),
    'extension protocol (BEP 10), fast extension (BEP 6), DHT (BEP 5)',
  );
  assert.equal(label(request(3, 0, 16384)), 'request(3, 0, 16384)');
  assert.equal(label(piece(3, 0, new Uint8Array(4))), 'piece(3, 0, block)');
  assert.equal(label(interested()), 'interested');
});

test('the script: handshakes on the same info_hash, then bitfield … have, about one piece', () => {
  const s = wireScript(1);
  assert.deepEqual(
    s.steps.map((x) => `${x.from}:${x.message.name}`),
    [
      'you:handshake',
      'peer:handshake',
      'peer:bitfield',
      'you:interested',
      'peer:unchoke',
      'you:request',
      'peer:piece',
      'you:have',
    ],
  );
  const [mine, theirs] = s.steps.map((x) => encode(x.message));
  assert.deepEqual(mine!.subarray(28, 48), theirs!.subarray(28, 48));
  assert.deepEqual(mine!.subarray(28, 48), hexToBytes(s.infoHash));
  assert.equal(toHex(mine!.subarray(48, 56), ''), toHex(new TextEncoder().encode('-SL0100-'), ''));
  assert.equal(
    toHex(theirs!.subarray(48, 56), ''),
    toHex(new TextEncoder().encode('-qB4650-'), ''),
  );
  const requested = encode(s.steps[5]!.message);
  const delivered = encode(s.steps[6]!.message);
  const announced = encode(s.steps[7]!.message);
  assert.deepEqual(requested.subarray(5, 9), delivered.subarray(5, 9));
  assert.deepEqual(requested.subarray(5, 9), announced.subarray(5, 9));
  assert.equal(delivered.length - 13, new DataView(requested.buffer).getUint32(13, false));
  assert.deepEqual(wireScript(1), s, 'deterministic');
});
