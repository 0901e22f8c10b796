import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressReport } from '../../lib/progress-report';
import { createWireTally, type TallyWire } from '../../lib/wire-tally';
import { createNicknameBook } from '../../lib/browser/nickname-book';

const wire = (peerId: string, downloaded: number, uploaded: number): TallyWire => ({
  peerId,
  downloaded,
  uploaded,
  downloadSpeed: () => 0,
  uploadSpeed: () => 0,
});

test('bytes to and from a classmate who hung up still count, and add up over reconnections', () => {
  const tally = createWireTally();
  const first = wire('aa', 1000, 31_800);
  tally.update([first]);
  // More flows before it closes: the last reading is taken from the closed wire itself.
  first.uploaded = 40_000;
  let totals = tally.update([]);
  assert.deepEqual(
    totals.map((t) => [t.peerId, t.downloaded, t.uploaded, t.open]),
    [['aa', 1000, 40_000, false]],
  );
  totals = tally.update([wire('aa', 500, 0), wire('bb', 7, 0)]);
  const aa = totals.find((t) => t.peerId === 'aa')!;
  assert.equal(aa.downloaded, 1500);
  assert.equal(aa.uploaded, 40_000);
  assert.equal(aa.open, true);
  assert.equal(totals.length, 2);
});

test("a peer's report to the hub keeps bytes received from classmates who left", () => {
  const tally = createWireTally();
  const w = wire('cc', 2048, 0);
  const torrent = {
    infoHash: 'a'.repeat(40),
    pieces: [0, 0],
    downloaded: 2048,
    uploaded: 0,
    downloadSpeed: 0,
    uploadSpeed: 0,
    wires: [w],
    bitfield: { get: () => true },
  };
  tally.update(torrent.wires);
  torrent.wires = [];
  const report = progressReport(torrent, tally.update(torrent.wires));
  assert.deepEqual(report.incoming, [{ from: 'cc', bytes: 2048, rate: 0 }]);
});

test('what a peer gave back is the piece bytes its wires sent, not its requests', () => {
  const tally = createWireTally();
  // A lone attendee: webtorrent's torrent.uploaded counts every byte on the connection, so its
  // block requests to the seeder (17 bytes per 16 KiB block) add up to tens of kilobytes.
  const seeder = wire('dd', 28_000_000, 0);
  const torrent = {
    infoHash: 'b'.repeat(40),
    pieces: [0],
    downloaded: 28_000_000,
    uploaded: 30_700,
    downloadSpeed: 0,
    uploadSpeed: 3_000,
    wires: [seeder],
    bitfield: { get: () => true },
  };
  let report = progressReport(torrent, tally.update(torrent.wires));
  assert.equal(report.uploaded, 0);
  assert.equal(report.uploadRate, 0);
  // A classmate who asked it for two blocks, then left: still counted.
  const classmate = { ...wire('ee', 0, 32_768), uploadSpeed: () => 1_000 };
  report = progressReport(torrent, tally.update([seeder, classmate]));
  assert.equal(report.uploaded, 32_768);
  assert.equal(report.uploadRate, 1_000);
  report = progressReport(torrent, tally.update([seeder]));
  assert.equal(report.uploaded, 32_768);
});

test('a classmate who joins later gets a name once the swarm is read again', async () => {
  let peers = [{ id: 'seed', kind: 'seeder', nickname: 'Instructor seeder' }];
  let reads = 0;
  let t = 0;
  const book = createNicknameBook({
    fetchSwarm: async () => {
      reads++;
      return { peers };
    },
    now: () => t,
    minGapMs: 1000,
  });
  await book.refresh();
  assert.equal(book.isSeeder('seed'), true);
  peers = [...peers, { id: 'late', kind: 'browser', nickname: 'Grace' }];
  t = 500;
  assert.equal(book.name('late'), 'classmate');
  assert.equal(reads, 1, 'not read again within the gap');
  t = 2000;
  assert.equal(book.name('late'), 'classmate');
  await new Promise((r) => setImmediate(r));
  assert.equal(book.name('late'), 'Grace');
  assert.equal(book.name('seed'), 'Instructor seeder');
});
