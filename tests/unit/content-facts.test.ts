/**
 * Facts issue 14 found wrong, held in place: each check reads the lessons and decks as text and
 * fails if a corrected claim comes back. The numbers are computed here, not copied.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import bencode from 'bencode';
import { LESSONS } from '../../content/nav';

const read = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => ({ file: path.join(dir, f), text: readFileSync(path.join(dir, f), 'utf8') }));
const everything = [...read('content'), ...read('slides')];
const nav = readFileSync(path.join('content', 'nav.ts'), 'utf8');

test('the bencode on the slides has the right length prefixes, and the info dict its length', () => {
  const deck = readFileSync(path.join('slides', 'how-a-torrent-works.mdx'), 'utf8');
  const block = /```text\n(d\n[\s\S]*?\ne)\n```/.exec(deck)?.[1];
  assert.ok(block, 'the bencode example is there');
  // "piece length" is the one key with a space in it; every other string ends at whitespace.
  assert.ok(block.includes(`${'piece length'.length}:piece length`));
  for (const m of block.replace('12:piece length', '').matchAll(/(\d+):([^\s<]+)/g)) {
    const [, prefix, value] = m;
    assert.equal(Number(prefix), Buffer.byteLength(value!), `${m[0]}: wrong length prefix`);
  }
  assert.match(block, /6:length\s+i\d+e/, 'a single-file info dictionary needs length');
  // And the real encoder agrees on the two strings the slide shows.
  const encoded = Buffer.from(
    bencode.encode({ announce: 'http://192.168.1.10:3000/announce', name: 'class-pack.zip' }),
  ).toString();
  assert.ok(block.includes('33:http://192.168.1.10:3000/announce') && encoded.includes('33:http'));
  assert.ok(block.includes('14:class-pack.zip') && encoded.includes('14:class-pack.zip'));
});

test('aria2 seeding an existing file is shown with -V', () => {
  for (const { file, text } of everything) {
    for (const m of text.matchAll(/aria2c [^\n]*--seed-ratio[^\n]*/g)) {
      assert.match(m[0], /\s(-V|--check-integrity)\b/, `${file}: ${m[0]} stops with errorCode=13`);
    }
  }
});

test('claims the sources contradict do not come back', () => {
  const wrong: [RegExp, string][] = [
    [/gets faster as (it grows|more people join)/i, 'T_min rises with N; it grows slowly'],
    [/\bmundane\b/i, 'measurements say otherwise; give them, attributed'],
    [/borrowed one of IPFS/i, 'Merkle torrents were BEP 30 (2009), before IPFS'],
    [/Since 2005, a magnet link/i, 'metadata from peers is BEP 9 (2008)'],
    [/gets\s+little in return/i, 'BitThief (2006): tit-for-tat guarantees less than that'],
    [/Cohen measured/i, 'no such measurement in the paper'],
    [/WebRTC can reveal local addresses/i, 'browsers use mDNS names now'],
    [/that the connection is BitTorrent/i, 'traffic analysis still recognises it'],
    [/with its SHA-512 hash/i, "ZeroNet's hash is SHA-512 cut to 256 bits"],
    [/every one of them came from the lab's own\s+tracker\./i, 'desktop clients also get PEX'],
    [/BEP 3 counts it among the four\), and/i, 'one choking story'],
  ];
  for (const { file, text } of [...everything, { file: 'content/nav.ts', text: nav }]) {
    for (const [re, why] of wrong) assert.doesNotMatch(text, re, `${file}: ${why}`);
  }
});

test('checking a download: the key is imported first, and macOS uses shasum', () => {
  const lesson = readFileSync(path.join('content', 'find-download-create.mdx'), 'utf8');
  const commands = /```text\n(gpg[\s\S]*?)```/.exec(lesson)?.[1] ?? '';
  const verify = commands.indexOf('gpg --verify');
  const recv = commands.search(/gpg [^\n]*--recv-keys|gpg --import/);
  assert.ok(verify > 0 && recv >= 0 && recv < verify, 'import the signing key before gpg --verify');
  assert.match(lesson, /shasum -a 256 -c/);
  assert.doesNotMatch(lesson, /Transmission\*\*\s*\(macOS and Linux/);
});

test('one choking story: every text that counts slots says the optimistic one is one of four', () => {
  const peerWire = readFileSync(path.join('content', 'the-peer-wire.mdx'), 'utf8');
  assert.match(peerWire, /\*\*Three\*\* go to the\s+interested peers/);
  assert.match(peerWire, /BEP 3 counts it as one of the four/);
  const deck = readFileSync(path.join('slides', 'peer-wire.mdx'), 'utf8');
  assert.match(deck, /\*\*4 upload slots\*\*[^\n]*\*\*3\*\*/);
  for (const { file, text } of everything) {
    assert.doesNotMatch(text, /(four|4) regular slots/i, `${file}: three regular + one optimistic`);
  }
  assert.ok(LESSONS.some((l) => l.slug === 'the-peer-wire'));
});
