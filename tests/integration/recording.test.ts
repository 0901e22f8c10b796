/**
 * Recording for real: a lab on free ports, a real webtorrent peer downloading the class pack over
 * TCP, and the recording on disk, its JSON and both CSV exports all showing that peer reach 100%.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import WebTorrent from 'webtorrent';
import { buildTimeline, parseRecording, type RecordLine } from '../../lib/recording';
import type { RecordingSummary } from '../../lib/recording';
import { LONG_COLUMNS } from '../../lib/recording-csv';
import { startTestLab, waitFor, type TestLab } from '../support/lab';

describe('the class recording', () => {
  let t: TestLab;
  let peerId: string;
  let client: InstanceType<typeof WebTorrent>;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-rec-peer-'));

  before(async () => {
    t = await startTestLab();
    const torrentFile = Buffer.from(await (await fetch(`${t.base}/class.torrent`)).arrayBuffer());
    client = new WebTorrent({
      dht: false,
      lsd: false,
      utPex: false,
      natUpnp: false,
      natPmp: false,
      utp: false,
      tracker: { wrtc: false },
    });
    peerId = client.peerId as string;
    const torrent = client.add(torrentFile, {
      path: dir,
      announce: [t.running.info.trackers.http],
    });
    await new Promise<void>((resolve, reject) => {
      torrent.once('done', resolve);
      torrent.once('error', reject);
    });
  });
  after(async () => {
    await new Promise((r) => client.destroy(r));
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the file on disk starts with a snapshot and ends with the peer at 100%', async () => {
    const list = await waitFor('this run’s recording at 100% for the peer', async () => {
      const { recordings } = (await (await fetch(`${t.base}/api/recordings`)).json()) as {
        recordings: RecordingSummary[];
      };
      const text = readFileSync(
        path.join(t.dataDir, 'recordings', `${recordings[0]!.id}.ndjson`),
        'utf8',
      );
      const timeline = buildTimeline(parseRecording(text).lines);
      const end = timeline?.frames.at(-1);
      const peer = end?.peers.find((p) => p.id === peerId);
      return peer && peer.have === end!.torrent!.pieceCount ? recordings : null;
    });
    assert.equal(list.length, 1);
    assert.equal(list[0]!.live, true);
    assert.deepEqual(readdirSync(path.join(t.dataDir, 'recordings')), [`${list[0]!.id}.ndjson`]);
    const text = readFileSync(path.join(t.dataDir, 'recordings', `${list[0]!.id}.ndjson`), 'utf8');
    const first = JSON.parse(text.split('\n')[0]!) as RecordLine;
    assert.equal(first.type, 'start');
    // Sampled at most once a second: no flood of lines however fast the pieces came.
    const { lines, skipped } = parseRecording(text);
    assert.equal(skipped, 0);
    const seconds = (lines.at(-1)!.at - lines[0]!.at) / 1000;
    assert.ok(lines.length <= seconds + 2, `${lines.length} lines in ${seconds} s`);
  });

  test('JSON and both CSV exports show the peer’s progress up to 100%', async () => {
    const [{ id }] = (
      (await (await fetch(`${t.base}/api/recordings`)).json()) as { recordings: RecordingSummary[] }
    ).recordings as [RecordingSummary];

    const res = await fetch(`${t.base}/api/recordings/${id}.json`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment/);
    const body = (await res.json()) as { id: string; startedAt: number; lines: RecordLine[] };
    assert.equal(body.id, id);
    const end = buildTimeline(body.lines)!.frames.at(-1)!;
    const peer = end.peers.find((p) => p.id === peerId)!;
    assert.equal(peer.have, end.torrent!.pieceCount);
    assert.equal(peer.kind, 'desktop');
    // The live model knows the peer's address; the recording keeps none.
    assert.ok(t.lab.model.getPeer(peerId)?.address);
    assert.ok(
      buildTimeline(body.lines)!.frames.every((f) => f.peers.every((p) => p.address === null)),
    );

    const csv = await fetch(`${t.base}/api/recordings/${id}.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const rows = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((r) => r.split(','));
    assert.deepEqual(rows[0], [...LONG_COLUMNS]);
    const mine = rows.filter((r) => r[LONG_COLUMNS.indexOf('peer_id')] === peerId);
    const progress = mine.map((r) => Number(r[LONG_COLUMNS.indexOf('progress_percent')]));
    assert.equal(progress.at(-1), 100);
    assert.deepEqual(
      progress,
      [...progress].sort((a, b) => a - b),
      'completion only grows',
    );

    const wide = (await (await fetch(`${t.base}/api/recordings/${id}.csv?shape=wide`)).text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((r) => r.split(','));
    const column = wide[0]!.findIndex((h) => h.includes(`(${peerId.slice(0, 6)})`));
    assert.ok(column > 0, `header: ${wide[0]}`);
    assert.equal(wide.at(-1)![column], '100');
  });

  test('a bad or unknown recording id gets a clear 404, and the lab keeps serving', async () => {
    for (const bad of [
      'nope.json',
      '..%2F..%2Fetc%2Fpasswd.json',
      '2020-01-01T00-00-00-000Z.csv',
    ]) {
      const res = await fetch(`${t.base}/api/recordings/${bad}`);
      assert.equal(res.status, 404, bad);
      assert.match(((await res.json()) as { error: string }).error, /no recording/);
    }
    const other = await fetch(`${t.base}/api/recordings/x/y`);
    assert.equal(other.status, 404);
    assert.match(((await other.json()) as { error: string }).error, /ask for/);
    assert.equal((await fetch(`${t.base}/api/health`)).status, 200);
  });
});
