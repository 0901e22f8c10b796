import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import parseTorrent from 'parse-torrent';
import {
  classPackTorrent,
  ensureClassPack,
  FILM_FILE,
  SUMS_FILE,
} from '../../lab-server/class-pack';
import { lessonHandoutHtml } from '../../lab-server/class-pack/lesson-handout';
import { LESSONS } from '../../content/nav';

test('the class pack is deterministic: two fresh generations give the same info hash', async () => {
  const dirs = [0, 1].map(() => mkdtempSync(path.join(os.tmpdir(), 'swarmlab-pack-')));
  try {
    const hashes = [];
    for (const [i, dir] of dirs.entries()) {
      const pack = ensureClassPack(dir, 1);
      const torrent = await classPackTorrent(pack, [`http://10.0.0.${i + 1}:3000/announce`]);
      hashes.push((await parseTorrent(torrent)).infoHash);
    }
    assert.equal(hashes[0], hashes[1]);
    assert.match(hashes[0]!, /^[0-9a-f]{40}$/);
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
});

test('the torrent lists every file of the pack with the lab’s trackers', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-pack-'));
  try {
    const pack = ensureClassPack(dir, 1);
    const parsed = await parseTorrent(
      await classPackTorrent(pack, ['ws://10.0.0.1:3000/announce', 'udp://10.0.0.1:3000']),
    );
    assert.deepEqual(parsed.announce, ['ws://10.0.0.1:3000/announce', 'udp://10.0.0.1:3000']);
    // The film first, so it starts at piece 0 (played while downloading; sequential fills in order).
    assert.deepEqual(
      parsed.files?.map((f) => f.name),
      [
        'swarm-film.webm',
        'LICENSE.txt',
        'README.txt',
        'SHA256SUMS',
        'handout.html',
        'swarm-poster.svg',
        'swarm-song.wav',
      ],
    );
    assert.equal(parsed.files?.[0]?.offset, 0);
    // A second call finds the pack intact and does not rewrite it.
    assert.deepEqual(ensureClassPack(dir, 1).files, pack.files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the handout is generated from the lessons: every lesson and its headings, escaped, self-contained', () => {
  const html = lessonHandoutHtml();
  for (const lesson of LESSONS) {
    assert.ok(html.includes(`<section id="${lesson.slug}">`), lesson.slug);
    const source = readFileSync(path.join('content', `${lesson.slug}.mdx`), 'utf8');
    const firstHeading = /^## (.+)$/m.exec(source)![1]!.replace(/[`*]/g, '');
    assert.ok(
      html.includes(firstHeading.replace(/&/g, '&#38;')),
      `${lesson.slug}: ${firstHeading}`,
    );
  }
  // Self-contained: no script, and nothing loaded from elsewhere (example URLs in the text are fine).
  assert.doesNotMatch(html, /<script|<link|<img|\b(src|href)="(?!#)/);
  assert.doesNotMatch(html, /<(Quiz|HandsOn|Recap)\b/, 'lesson tags are gone');
  assert.ok(html.includes('class="recap"'));
});

test('an edited lesson gives a new handout, its text escaped', () => {
  const content = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-content-'));
  try {
    cpSync('content', content, { recursive: true });
    const before = lessonHandoutHtml(content);
    const file = path.join(content, `${LESSONS[0]!.slug}.mdx`);
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}\n## Seeds & leechers\n\nWhen 2 < 3 peers seed.\n`,
    );
    const after = lessonHandoutHtml(content);
    assert.notEqual(after, before);
    assert.ok(
      after.includes('<h3>Seeds &#38; leechers</h3>') &&
        after.includes('When 2 &#60; 3 peers seed.'),
      'markup in the text is escaped',
    );
  } finally {
    rmSync(content, { recursive: true, force: true });
  }
});

// EBML element ids (Matroska): the Cues index and the first Cluster of media.
const CUES = Buffer.from([0x1c, 0x53, 0xbb, 0x6b]);
const CLUSTER = Buffer.from([0x1f, 0x43, 0xb6, 0x75]);

test('the pack’s film is a stream-friendly WebM: a few MB, cues before the first cluster', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-pack-'));
  try {
    const pack = ensureClassPack(dir, 1);
    const film = readFileSync(pack.files.find((f) => path.basename(f) === FILM_FILE)!);
    assert.deepEqual([...film.subarray(0, 4)], [0x1a, 0x45, 0xdf, 0xa3], 'EBML header');
    assert.ok(film.subarray(0, 64).includes('webm'), 'DocType webm');
    assert.ok(film.length > 2e6 && film.length < 6e6, `size ${film.length}`);
    const cues = film.indexOf(CUES);
    const cluster = film.indexOf(CLUSTER);
    assert.ok(cues > 0 && cluster > cues, `cues at ${cues}, first cluster at ${cluster}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the pack ships a SHA256SUMS list that the real sha256sum accepts, and that catches a changed file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-pack-'));
  try {
    const pack = ensureClassPack(dir, 1);
    const check = () =>
      spawnSync('sha256sum', ['-c', SUMS_FILE], { cwd: pack.dir, encoding: 'utf8' });
    const ok = check();
    assert.equal(ok.status, 0, ok.stderr);
    const names = pack.files.map((f) => path.basename(f)).filter((n) => n !== SUMS_FILE);
    for (const name of names) assert.match(ok.stdout, new RegExp(`^${name}: OK$`, 'm'));
    // One changed byte in the song: the check must say which file failed.
    const song = path.join(pack.dir, 'swarm-song.wav');
    const bytes = readFileSync(song);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    writeFileSync(song, bytes);
    const bad = check();
    assert.notEqual(bad.status, 0);
    assert.match(bad.stdout, /^swarm-song\.wav: FAILED$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the handout lists where legal torrents live, as text to type later, never as links', () => {
  const html = lessonHandoutHtml();
  for (const address of [
    'cdimage.debian.org',
    'ubuntu.com/download/alternative-downloads',
    'torrent.fedoraproject.org',
    'archive.org',
    'academictorrents.com',
    'webtorrent.io/free-torrents',
  ]) {
    assert.ok(html.includes(address), `${address} is missing from the handout`);
  }
  assert.doesNotMatch(html, /href="(?!#)/, 'no link loads or leads anywhere outside the page');
  // And the checking steps of the lesson's challenge reach the handout too.
  assert.ok(html.includes('sha256sum -c SHA256SUMS') && html.includes('transmission-show'));
});
