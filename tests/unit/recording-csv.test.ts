import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bitfieldFrom, bitfieldToBase64 } from '../../lib/bitfield';
import { LONG_COLUMNS, csvCell, longCsv, wideCsv } from '../../lib/recording-csv';
import type { Timeline } from '../../lib/recording';
import type { PeerState, SwarmSnapshot } from '../../lib/swarm-model';
import { peerState } from '../support/swarm-fixtures';

const TORRENT = { infoHash: 'a'.repeat(40), name: 'p', pieceCount: 10, pieceLength: 1, length: 10 };
const peer = (n: number, have: number, extra: Partial<PeerState> = {}): PeerState =>
  peerState(String(n).repeat(40).slice(0, 40), {
    nickname: `peer ${n}`,
    client: 'WebTorrent',
    bitfield: bitfieldToBase64(bitfieldFrom(10, (i) => i < have)),
    have,
    downloaded: have * 100,
    downloadRate: 50,
    ...extra,
  });
const frame = (at: number, peers: PeerState[]): SwarmSnapshot => ({
  seq: at,
  at,
  torrent: TORRENT,
  peers,
  edges: [],
});

/** A minimal RFC 4180 reader, to check what a spreadsheet would see. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

const timeline: Timeline = {
  startedAt: 1000,
  endedAt: 3000,
  frames: [
    frame(1000, [peer(0, 10, { kind: 'seeder', nickname: 'seeder' }), peer(1, 0)]),
    frame(2000, [peer(0, 10, { kind: 'seeder', nickname: 'seeder' }), peer(1, 5), peer(2, 1)]),
    frame(3000, [peer(0, 10, { kind: 'seeder', nickname: 'seeder' }), peer(1, 10)]),
  ],
};

test('long CSV: one row per peer per sample, with the documented columns', () => {
  const rows = readCsv([...longCsv(timeline)].join(''));
  assert.deepEqual(rows[0], [...LONG_COLUMNS]);
  assert.equal(rows.length, 1 + 2 + 3 + 2);
  const last = rows[rows.length - 1]!;
  const col = (name: (typeof LONG_COLUMNS)[number]) => last[LONG_COLUMNS.indexOf(name)];
  assert.equal(col('time_s'), '2');
  assert.equal(col('nickname'), 'peer 1');
  assert.equal(col('progress_percent'), '100');
  assert.equal(col('clock_utc'), new Date(3000).toISOString());
});

test('wide CSV: one row per sample, a completion column per attendee, blank when absent', () => {
  const rows = readCsv([...wideCsv(timeline)].join(''));
  assert.deepEqual(rows, [
    ['time_s', `peer 1 (${'1'.repeat(6)})`, `peer 2 (${'2'.repeat(6)})`],
    ['0', '0', ''],
    ['1', '50', '10'],
    ['2', '100', ''],
  ]);
});

test('any nickname survives a CSV round trip, and none becomes a formula', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (a, b) => {
      const [row] = readCsv(`${csvCell(a)},${csvCell(b)}\r\n`);
      const unformula = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
      assert.deepEqual(row, [unformula(a), unformula(b)]);
    }),
  );
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
});

test('a ;-delimited spreadsheet sees no formula, and escapes and RLO never reach a cell', () => {
  // Issue 13 §2.11: `a;=1+1` split on ';' gave a formula cell; a client name carried ESC and RLO.
  assert.equal(csvCell('a;=1+1'), '"a;=1+1"');
  assert.equal(csvCell('\u001b[2J\u202eevil'), '[2Jevil', 'the ESC and the RLO are gone');
  assert.equal(csvCell('\t=1+1'), "'=1+1");
  for (const cell of ['x;=1', '\u001b]0;=1\u0007'])
    assert.match(csvCell(cell), /^"[^"]*"$|^[^;]*$/, `${cell} can be split on ;`);
});
