/**
 * "What the network sees", in a classroom: the seeder's protocol encryption set by the
 * instructor (off, required) against real desktop clients on hosts of their own — aria2 with and
 * without `--bt-require-crypto`, python3-libtorrent with encryption disabled or forced,
 * Transmission with its default (encryption preferred) — and the
 * first bytes the lab captured of each connection (`wires:watch`). Whether a client got the file
 * is the client's own word: its exit, and its copy hashed against the seeder's files.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import {
  hexToBytes,
  readWireBytes,
  type CapturedConnection,
  type EncryptionMode,
  type WireCaptureView,
} from '../../lib/wire-encryption';
import { joinClassroom } from '../support/classroom';
import {
  hashFiles,
  startAria2,
  startLibtorrent,
  startTransmission,
  type DesktopClient,
} from '../support/desktop-clients';
import { startTestLab, waitFor, type TestLab } from '../support/lab';

const REQUIRE_CRYPTO = ['--bt-require-crypto=true', '--bt-min-crypto-level=arc4'];
const PACK = 'swarmlab-class-pack';

/** Every connection the panel has shown, latest view of each, by id. */
function watchWires(lab: TestLab) {
  const seen = new Map<number, CapturedConnection>();
  const socket: Socket = connect(lab.base, { transports: ['websocket'] });
  const take = (view: WireCaptureView) => {
    for (const c of view.connections) seen.set(c.id, c);
  };
  socket.on('wires:state', take);
  socket.on('connect', () => socket.emit('wires:watch', take));
  return {
    /** Connections first seen after `since` (an id), oldest first. */
    after: (since: number) => [...seen.values()].filter((c) => c.id > since),
    lastId: () => Math.max(0, ...seen.keys()),
    close: () => socket.close(),
  };
}

async function setEncryption(instructor: Socket, mode: EncryptionMode) {
  const reply = (await instructor.emitWithAck('experiment:set', { encryption: mode })) as {
    ok: boolean;
    error?: string;
    state: { encryption: EncryptionMode };
  };
  assert.equal(reply.ok, true, reply.error);
  assert.equal(reply.state.encryption, mode);
}

/** Resolves true if the client finished within `ms`, false if it was still trying. */
async function finishesWithin(client: DesktopClient, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([client.finished.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

const text = (hex: string) => Buffer.from(hexToBytes(hex)).toString('latin1');

test('encryption off, then required: who connects, and what the wire shows', async () => {
  const room = joinClassroom();
  const lab = await startTestLab({ packMiB: 2 });
  const work = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-mse-'));
  const clients: DesktopClient[] = [];
  const instructor = connect(lab.base, {
    transports: ['websocket'],
    auth: { token: lab.running.instructorToken },
  });
  const wires = watchWires(lab);
  try {
    const torrentFile = path.join(work, 'class.torrent');
    writeFileSync(
      torrentFile,
      Buffer.from(await (await fetch(`${lab.base}/class.torrent`)).arrayBuffer()),
    );
    const infoHash = lab.running.info.torrent!.infoHash;
    const seederFiles = hashFiles(path.join(lab.dataDir, PACK));
    const start = async (
      label: string,
      run: (host: ReturnType<typeof room.addHost>) => Promise<DesktopClient>,
    ) => {
      const host = room.addHost({ label });
      const client = await run(host);
      clients.push(client);
      return { host, client };
    };

    // 1. Encryption off. A client that insists on MSE gets nothing from the seeder.
    await setEncryption(instructor, 'off');
    let mark = wires.lastId();
    const strict = await start('strict', (h) => startAria2(torrentFile, h, REQUIRE_CRYPTO));
    assert.equal(await finishesWithin(strict.client, 20_000), false, strict.client.output());
    assert.ok(
      !existsSync(path.join(strict.client.downloadDir, PACK)) ||
        JSON.stringify(hashFiles(path.join(strict.client.downloadDir, PACK))) !==
          JSON.stringify(seederFiles),
      'aria2 --bt-require-crypto has no copy of the pack',
    );
    const strictWires = wires
      .after(mark)
      .filter((c) => c.outcome !== 'open' && c.outcome !== 'failed');
    assert.deepEqual(strictWires, [], 'no wire to the strict client got past its handshake');
    // It did try: its key exchange reached the seeder, which could not read it.
    assert.ok(
      wires
        .after(mark)
        .some(
          (c) =>
            c.outcome === 'failed' &&
            c.received.length > 0 &&
            !readWireBytes(hexToBytes(c.received)).plaintextHandshake,
        ),
      'the strict client’s MSE attempt is on the panel',
    );
    await strict.client.stop();

    // A plaintext client downloads, and its handshake is readable on the wire.
    mark = wires.lastId();
    const plain = await start('plain', (h) =>
      startAria2(torrentFile, h, ['--bt-min-crypto-level=plain']),
    );
    await plain.client.finished;
    assert.deepEqual(hashFiles(path.join(plain.client.downloadDir, PACK)), seederFiles);
    const open = await waitFor('the plaintext wire on the panel', () =>
      wires.after(mark).find((c) => c.outcome === 'plaintext' && /aria2/i.test(c.client ?? '')),
    );
    const got = readWireBytes(hexToBytes(open.received), infoHash);
    const sent = readWireBytes(hexToBytes(open.sent), infoHash);
    // Whoever dialled, both sides' handshakes cross in clear at byte 0, info hash at byte 28.
    assert.equal(got.plaintextHandshake, true, text(open.received));
    assert.equal(got.infoHashAt, 28);
    assert.equal(sent.plaintextHandshake, true, text(open.sent));
    assert.equal(sent.infoHashAt, 28);
    assert.equal(got.infoHash, infoHash);
    assert.ok(text(open.received).includes('BitTorrent protocol'));

    // 2. Encryption required. The strict client now downloads, and nothing is readable.
    await setEncryption(instructor, 'required');
    mark = wires.lastId();
    const strict2 = await start('strict2', (h) => startAria2(torrentFile, h, REQUIRE_CRYPTO));
    await strict2.client.finished;
    assert.deepEqual(hashFiles(path.join(strict2.client.downloadDir, PACK)), seederFiles);
    const enc = await waitFor('the encrypted wire on the panel', () =>
      wires.after(mark).find((c) => c.outcome === 'encrypted' && /aria2/i.test(c.client ?? '')),
    );
    for (const side of [enc.received, enc.sent]) {
      const r = readWireBytes(hexToBytes(side), infoHash);
      assert.equal(r.protocolAt, -1, `no "BitTorrent protocol" in ${text(side)}`);
      assert.equal(r.infoHashAt, -1, 'no info hash in clear');
      assert.ok(side.length >= 2 * 96, 'at least a Diffie-Hellman key crossed');
      // 96 bytes of key: random-looking, unlike a handshake's zeros and letters.
      assert.ok(r.distinct > 60, `${r.distinct} distinct byte values`);
    }

    // A client with encryption disabled is refused: it gets no file, and the seeder sends it
    // nothing but the close. Its own handshake still gave the torrent away on the Wi-Fi.
    mark = wires.lastId();
    const refused = await start('noenc', (h) =>
      startLibtorrent(torrentFile, h, { encryption: 'disabled' }),
    );
    assert.equal(await finishesWithin(refused.client, 20_000), false, refused.client.output());
    const no = await waitFor('the refused wire on the panel', () =>
      wires.after(mark).find((c) => c.outcome === 'refused'),
    );
    assert.match(no.client ?? '', /libtorrent/i);
    assert.equal(no.sent, '', 'the seeder answered a refused client');
    assert.equal(readWireBytes(hexToBytes(no.received), infoHash).infoHashAt, 28);
    await refused.client.stop();

    // libtorrent with encryption forced downloads from the same seeder.
    mark = wires.lastId();
    const forced = await start('forced', (h) =>
      startLibtorrent(torrentFile, h, { encryption: 'forced' }),
    );
    await forced.client.finished;
    assert.deepEqual(hashFiles(path.join(forced.client.downloadDir, PACK)), seederFiles);
    const lt = await waitFor('the forced libtorrent wire on the panel', () =>
      wires
        .after(mark)
        .find((c) => c.outcome === 'encrypted' && /libtorrent/i.test(c.client ?? '')),
    );
    assert.equal(readWireBytes(hexToBytes(lt.received), infoHash).protocolAt, -1);

    // Transmission with its default, encryption preferred, gets RC4 too.
    mark = wires.lastId();
    const tr = await start('transmission', (h) => startTransmission(torrentFile, h));
    await tr.client.finished;
    assert.deepEqual(hashFiles(path.join(tr.client.downloadDir, PACK)), seederFiles);
    const trWire = await waitFor('the Transmission wire on the panel', () =>
      wires
        .after(mark)
        .find((c) => c.outcome === 'encrypted' && /transmission/i.test(c.client ?? '')),
    );
    assert.equal(readWireBytes(hexToBytes(trWire.sent), infoHash).protocolAt, -1);

    // The address switch is off: the panel names clients, never where they are.
    assert.ok(wires.after(0).every((c) => c.address === null));
  } finally {
    wires.close();
    instructor.close();
    for (const c of clients) await c.stop();
    await lab.close();
    await room.close();
    rmSync(work, { recursive: true, force: true });
  }
});
