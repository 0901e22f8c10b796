/**
 * The privacy lesson's proxy demo, in a classroom: two python3-libtorrent clients on hosts of
 * their own download the class pack, one directly and one through the lab's SOCKS5 proxy
 * (--socks-proxy). What the projector shows with the address switch on (/api/swarm) must be the
 * attendee's own address for the direct one and the lab's address (the proxy's outgoing source)
 * for the proxied one, whose download must still complete. The proxy must refuse destinations
 * outside the room, by address and by name, and keep serving afterwards.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { io as connect } from 'socket.io-client';
import type { SwarmSnapshot } from '../../lib/swarm-model';
import type { SocksConnection } from '../../lab-server/socks-proxy';
import { joinClassroom } from '../support/classroom';
import {
  hashFiles,
  startLibtorrent,
  startQbittorrent,
  type DesktopClient,
} from '../support/desktop-clients';
import { startTestLab } from '../support/lab';

const hostOf = (address: string | null) =>
  address ? address.replace(/^\[|\]?:\d+$/g, '').replace(/\]$/, '') : null;

/** A raw SOCKS5 CONNECT (no auth); resolves with the reply's status byte (0 = granted). */
function socksConnect(
  proxy: { host: string; port: number },
  dest: { ip?: string; name?: string; port: number },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(proxy.port, proxy.host);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no SOCKS5 reply within 5 s'));
    }, 5000);
    let stage = 0;
    socket.on('error', reject);
    socket.on('connect', () => socket.write(Buffer.from([5, 1, 0])));
    socket.on('data', (data) => {
      if (stage === 0) {
        assert.deepEqual([...data], [5, 0], 'the proxy accepts "no authentication"');
        stage = 1;
        const port = Buffer.alloc(2);
        port.writeUInt16BE(dest.port);
        const target = dest.ip
          ? Buffer.from([1, ...dest.ip.split('.').map(Number)])
          : Buffer.concat([Buffer.from([3, dest.name!.length]), Buffer.from(dest.name!)]);
        socket.write(Buffer.concat([Buffer.from([5, 1, 0]), target, port]));
        return;
      }
      clearTimeout(timer);
      socket.destroy();
      resolve(data[1]!);
    });
  });
}

test('a client announcing through the lab proxy is listed at the lab address', async () => {
  const room = joinClassroom();
  const lab = await startTestLab({ packMiB: 4, socksProxy: 0 });
  // The two refusals below are the proxy doing its job; any other warning fails the test.
  lab.expectWarning(/^socks proxy: refused .* → (192\.0\.2\.1|example\.com):80$/);
  const work = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-socks-'));
  const clients: DesktopClient[] = [];
  const seen: SocksConnection[] = [];
  let watching = true; // the projector watcher below, bounded by the test's own end
  lab.lab.on('socks', (c: SocksConnection) => seen.push(c));
  const instructor = connect(lab.base, {
    transports: ['websocket'],
    auth: { token: lab.running.instructorToken },
  });
  try {
    const labHost = lab.running.address;
    const socksPort = lab.running.socksPort;
    assert.ok(socksPort, 'the lab reports its proxy port');
    const proxy = { host: labHost, port: socksPort };

    // Not an open proxy: outside addresses (TEST-NET-1) and names are refused before any
    // connection is tried, and the room's own tracker port is granted.
    assert.equal(await socksConnect(proxy, { ip: '192.0.2.1', port: 80 }), 2);
    assert.equal(await socksConnect(proxy, { name: 'example.com', port: 80 }), 2);
    assert.equal(await socksConnect(proxy, { ip: labHost, port: lab.running.port }), 0);
    assert.deepEqual(
      seen.map((c) => [c.to, c.allowed]),
      [
        ['192.0.2.1:80', false],
        ['example.com:80', false],
        [`${labHost}:${lab.running.port}`, true],
      ],
    );

    // A slower seeder keeps every client in the swarm for seconds, long enough to be watched.
    const limited = await instructor.emitWithAck('experiment:set', {
      seederUploadLimit: 1024 * 1024,
    });
    assert.equal(limited.ok, true, limited.error);
    const shown = await instructor.emitWithAck('privacy:set', { showAddresses: true });
    assert.equal(shown.ok, true, shown.error);
    const torrentFile = path.join(work, 'class.torrent');
    writeFileSync(
      torrentFile,
      Buffer.from(await (await fetch(`${lab.base}/class.torrent`)).arrayBuffer()),
    );

    const directHost = room.addHost({ label: 'direct' });
    const proxiedHost = room.addHost({ label: 'proxied' });
    const direct = await startLibtorrent(torrentFile, directHost);
    clients.push(direct);
    const proxied = await startLibtorrent(torrentFile, proxiedHost, {
      socks5: `${labHost}:${socksPort}`,
    });
    clients.push(proxied);
    // qBittorrent with the lesson's own settings, on a third host.
    const qbtHost = room.addHost({ label: 'qbt' });
    const qbt = await startQbittorrent(torrentFile, qbtHost, `${labHost}:${socksPort}`);
    clients.push(qbt);
    const watched = (async () => {
      const seenOnProjector = new Set<string>();
      while (watching) {
        const snap = (await (await fetch(`${lab.base}/api/swarm`)).json()) as SwarmSnapshot;
        for (const p of snap.peers)
          if (p.kind === 'desktop')
            seenOnProjector.add(`${(p.client ?? '?').split(' ')[0]}@${hostOf(p.address)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      return seenOnProjector;
    })();
    watched.catch(() => {}); // awaited below; never an unhandled rejection if the test fails first
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('the clients did not finish in 120 s')), 120_000);
    });
    try {
      await Promise.race([Promise.all(clients.map((c) => c.finished)), timeout]);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${clients.map((c) => c.output()).join('\n')}`);
    } finally {
      clearTimeout(timer);
    }
    // A last look a second after the finish: the entries at 100% are still there.
    await new Promise((r) => setTimeout(r, 1000));
    watching = false;

    // Both complete, with the seeder's own bytes.
    const seederFiles = hashFiles(path.join(lab.dataDir, 'swarmlab-class-pack'));
    for (const c of clients) {
      const copy = hashFiles(path.join(c.downloadDir, 'swarmlab-class-pack'));
      assert.deepEqual(copy, seederFiles, c.output());
    }

    // The projector's data, address switch on: the direct client at its own address, the
    // proxied one only at the lab's; nothing anywhere at the proxied host's address.
    // The projector's data, address switch on, as a projector open throughout sees it: the
    // direct client at its own address, the proxied ones only at the lab's; nothing anywhere at
    // a proxied host's address. (A libtorrent client leaves once it is done, so watch while
    // they run.)
    const hosts = new Set<string>();
    const entries = await watched;
    for (const e of entries) hosts.add(e);
    const list = [...hosts].join(', ');
    assert.ok(hosts.has(`libtorrent@${directHost.address}`), `direct client listed: ${list}`);
    assert.ok(hosts.has(`libtorrent@${labHost}`), `proxied libtorrent at the lab: ${list}`);
    assert.ok(hosts.has(`qBittorrent@${labHost}`), `proxied qBittorrent at the lab: ${list}`);
    for (const h of [proxiedHost, qbtHost])
      assert.ok(
        ![...hosts].some((e) => e.endsWith(`@${h.address}`)),
        `${h.address} hidden: ${list}`,
      );

    // And the proxy's log says who really asked: the proxied host, to the tracker.
    for (const h of [proxiedHost, qbtHost]) {
      const from = seen.filter((c) => hostOf(c.from) === h.address);
      assert.ok(
        from.some((c) => c.to === `${labHost}:${lab.running.port}` && c.allowed),
        `${h.address}'s tracker announce through the proxy: ${from.map((c) => c.to).join(', ')}`,
      );
    }
    assert.ok(!seen.some((c) => hostOf(c.from) === directHost.address));

    // "What the swarm sees about you" (/api/whoami, on the join page) through a real SOCKS5
    // client (curl) on the proxied host: the lab's address; directly: the host's own.
    // Spawned, not run synchronously: the lab lives in this process and must keep answering.
    const whoami = (viaProxy: boolean) =>
      new Promise<{ address: string }>((resolve, reject) => {
        const curl = proxiedHost.spawn('curl', [
          '--silent',
          '--show-error',
          '--fail',
          '--max-time',
          '10',
          ...(viaProxy ? ['--socks5', `${labHost}:${socksPort}`] : []),
          `${lab.base}/api/whoami`,
        ]);
        let out = '';
        curl.stdout?.on('data', (d: Buffer) => (out += d.toString()));
        curl.stderr?.on('data', (d: Buffer) => (out += d.toString()));
        curl.once('error', reject);
        curl.once('exit', (code) =>
          code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`curl ${code}: ${out}`)),
        );
      });
    assert.equal((await whoami(true)).address, labHost);
    assert.equal((await whoami(false)).address, proxiedHost.address);
  } finally {
    watching = false;
    instructor.close();
    for (const c of clients) await c.stop();
    await lab.close();
    await room.close();
    rmSync(work, { recursive: true, force: true });
  }
});
