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

test('the client field is cleaned like a nickname: no escapes, no RLO, short', () => {
  // Issue 13 §2.11: it was only length-limited, so terminal escapes and RLO reached the CSV.
  const hello = HelloMessage.parse({
    peerId,
    nickname: 'Ada',
    client: '\u001b[31mqBittorrent\u202e\u0007 4.5\n',
  });
  assert.equal(hello.client, '[31mqBittorrent 4.5');
  assert.doesNotMatch(hello.client, /[\p{Cc}\p{Cf}]/u);
  assert.equal(
    HelloMessage.parse({ peerId, nickname: 'Ada', client: '\u200b' }).client,
    'WebTorrent (browser)',
  );
  assert.equal(
    HelloMessage.parse({ peerId, nickname: 'Ada', client: 'x'.repeat(150) }).client.length,
    64,
  );
  assert.equal(
    HelloMessage.safeParse({ peerId, nickname: 'Ada', client: 'x'.repeat(201) }).success,
    false,
  );
});

test('one label cleaner: nicknames and torrent names differ only in length', () => {
  assert.equal(cleanLabel('  a\u202e b  ', 80), 'a b');
  assert.equal(cleanLabel('y'.repeat(100), 80).length, 80);
  assert.equal(cleanLabel('y'.repeat(100)).length, 24);
});
