/**
 * Issue 13 §2.13: a lab killed with kill -9 and started again on the same data dir carries on
 * where the class was: the round (its info hash still tracked, so round-2 desktop clients are
 * not cut off), the experiments, the privacy switch and the class index. The real CLI in a child
 * process, on 127.0.0.1 only.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import bencode from 'bencode';
import { io as connect, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  ShareIndex,
  ShareReply,
} from '../../lib/protocol';
import type { ExperimentState } from '../../lib/experiments';
import { bytesParam, freePort } from '../support/net';
import { waitFor } from '../support/lab';

type LabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const TOKEN = 'restart-test-token-long-enough';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-restart-'));
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function startCli(port: number): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'lab-server/cli.ts',
      '--no-site',
      '--port',
      String(port),
      '--torrent-port',
      '0',
      '--host',
      '127.0.0.1',
      '--address',
      '127.0.0.1',
      '--data-dir',
      dataDir,
      '--pack-size',
      '1',
      '--token',
      TOKEN,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    `the lab to start (output so far: ${output.slice(-300)})`,
    async () => {
      if (child.exitCode !== null) throw new Error(`the lab exited: ${output}`);
      const lab = await fetch(`${base}/api/lab`).catch(() => null);
      return lab?.ok === true;
    },
    60_000,
  );
  return { child, base };
}

const instructor = async (base: string): Promise<LabSocket> => {
  const s: LabSocket = connect(base, { transports: ['websocket'], auth: { token: TOKEN } });
  await new Promise<void>((r) => s.once('connect', () => r()));
  return s;
};

/** A real, readable .torrent of a made-up 1-byte file, as /share would register it. */
function registration(name: string) {
  const info = { length: 1, name, 'piece length': 16384, pieces: randomBytes(20) };
  const infoHash = createHash('sha1').update(bencode.encode(info)).digest('hex');
  return {
    infoHash,
    name,
    length: 1,
    pieceCount: 1,
    pieceLength: 16384,
    torrentFile: Buffer.from(bencode.encode({ info })).toString('base64'),
    nickname: 'Ada',
  };
}

async function announceFailure(base: string, infoHash: string): Promise<string | null> {
  const url =
    `${base}/announce?info_hash=${bytesParam(infoHash)}&peer_id=${bytesParam(randomBytes(20))}` +
    '&port=6881&uploaded=0&downloaded=0&left=1&compact=1';
  const body = bencode.decode(Buffer.from(await (await fetch(url)).arrayBuffer()));
  return body['failure reason'] ? Buffer.from(body['failure reason']).toString('utf8') : null;
}

test('kill -9 and restart: the round, experiments, privacy switch and class index come back', async () => {
  const port = await freePort();
  const first = await startCli(port);
  const s = await instructor(first.base);
  const round = await s.timeout(60_000).emitWithAck('experiment:round');
  assert.equal(round.ok, true, round.error);
  const round2 = round.state.infoHash!;
  const set = await s.emitWithAck('experiment:set', {
    seederUploadLimit: 256 * 1024,
    strategy: 'sequential',
  });
  assert.equal(set.ok, true, set.error);
  assert.equal((await s.emitWithAck('privacy:set', { showAddresses: true })).ok, true);
  const share = registration('notes.txt');
  const shared: ShareReply = await s.emitWithAck('share:register', share);
  assert.equal(shared.ok, true, shared.error);
  assert.equal(
    (await s.emitWithAck('share:moderate', { infoHash: share.infoHash, action: 'hide' })).ok,
    true,
  );
  // Everything acknowledged is on disk: the kill comes without warning.
  s.disconnect();
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));

  const second = await startCli(port);
  const lab = (await (await fetch(`${second.base}/api/lab`)).json()) as {
    torrent: { infoHash: string };
  };
  assert.equal(lab.torrent.infoHash, round2, 'the class torrent is still round 2');
  assert.equal(await announceFailure(second.base, round2), null, 'round 2 is still tracked');
  assert.equal(await announceFailure(second.base, share.infoHash), null, 'the share is tracked');

  const again = await instructor(second.base);
  const state: ExperimentState = await again.emitWithAck('experiment:watch');
  assert.equal(state.round, 2);
  assert.equal(state.seederUploadLimit, 256 * 1024);
  assert.equal(state.strategy, 'sequential');
  const index: ShareIndex = await again.emitWithAck('share:watch');
  assert.equal(index.showAddresses, true, 'the privacy switch is still on');
  const entry = index.entries.find((e) => e.infoHash === share.infoHash);
  assert.equal(entry?.name, 'notes.txt');
  assert.equal(entry?.hidden, true, 'moderation survives too');
  again.disconnect();
  second.child.kill('SIGKILL');
});
