import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cleanLabel, HelloMessage, ProgressMessage } from '../../lib/protocol';

const peerId = 'ab'.repeat(20);

test('hostile nicknames are cleaned, not trusted', () => {
  assert.equal(cleanLabel('  Ada\u0000\u202e  Lovelace\n\n'), 'Ada Lovelace');
  assert.equal(cleanLabel('x'.repeat(100)).length, 24);
  assert.equal(cleanLabel('<script>alert(1)</script>'), '<script>alert(1)</script>'.slice(0, 24));
  const bad = HelloMessage.safeParse({ peerId, nickname: '\u200b\u200b\n' });
  assert.equal(bad.success, false);
});

test('a cleaned nickname is always short, single-line and free of control characters', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => {
      const clean = cleanLabel(raw);
      assert.ok(clean.length <= 24);
      assert.doesNotMatch(clean, /[\p{Cc}\p{Cf}\n\r\t]/u);
      assert.equal(clean, clean.trim());
    }),
  );
});

test('hello needs a 40-hex peer id', () => {
  assert.equal(HelloMessage.safeParse({ peerId: 'nope', nickname: 'Ada' }).success, false);
  const ok = HelloMessage.parse({ peerId, nickname: ' Ada ' });
  assert.deepEqual(ok, {
    peerId,
    nickname: 'Ada',
    client: 'WebTorrent (browser)',
    kind: 'browser',
  });
});

test('progress rejects negative counters and non-base64 bitfields', () => {
  const base = {
    infoHash: 'c'.repeat(40),
    bitfield: 'AAA=',
    downloaded: 1,
    uploaded: 0,
    downloadRate: 0,
    uploadRate: 0,
  };
  assert.equal(ProgressMessage.safeParse(base).success, true);
  assert.equal(ProgressMessage.safeParse({ ...base, downloaded: -1 }).success, false);
  assert.equal(ProgressMessage.safeParse({ ...base, bitfield: '<img>' }).success, false);
});
