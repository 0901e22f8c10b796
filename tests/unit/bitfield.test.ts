import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  bitfieldFrom,
  bitfieldFromBase64,
  bitfieldToBase64,
  countPieces,
  fullBitfield,
  hasPiece,
} from '../../lib/bitfield';

test('base64 round-trips any bitfield', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      assert.deepEqual(bitfieldFromBase64(bitfieldToBase64(bytes)), bytes);
    }),
  );
});

test('base64 matches Node’s own encoder', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      assert.equal(bitfieldToBase64(bytes), Buffer.from(bytes).toString('base64'));
    }),
  );
});

test('piece 0 is the high bit of byte 0 (BEP 3)', () => {
  const bits = bitfieldFrom(10, (i) => i === 0 || i === 9);
  assert.deepEqual([...bits], [0b1000_0000, 0b0100_0000]);
  assert.ok(hasPiece(bits, 0) && hasPiece(bits, 9) && !hasPiece(bits, 1));
});

test('counting sees exactly the pieces set, and never the spare bits', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 500 }), fc.func(fc.boolean()), (n, has) => {
      const expected = Array.from({ length: n }, (_, i) => has(i)).filter(Boolean).length;
      assert.equal(countPieces(bitfieldFrom(n, has), n), expected);
    }),
  );
  assert.equal(countPieces(fullBitfield(13), 13), 13);
});

test('garbage base64 is refused with a clear error', () => {
  assert.throws(() => bitfieldFromBase64('ab$d'), /invalid base64/);
});
