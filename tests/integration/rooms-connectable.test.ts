/**
 * Desktop connectability in a classroom (run through tests/support/in-classroom.ts): aria2 on an
 * open host, behind NAT and behind an inbound firewall each download the class pack (all three
 * finish), and the lab, dialling the address each announced, tells the pages the open one is
 * connectable and the other two are not, with their reasons.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { io as connect } from 'socket.io-client';
import type { ConnectivityView } from '../../lib/protocol';
import { joinClassroom, type Classroom } from '../support/classroom';
import { startAria2, type DesktopClient } from '../support/desktop-clients';
import { startTestLab, waitFor, type TestLab } from '../support/lab';

let room: Classroom;
let lab: TestLab;
const clients: DesktopClient[] = [];

before(async () => {
  room = joinClassroom();
  lab = await startTestLab();
});
after(async () => {
  for (const c of clients) await c.stop();
  await lab?.close();
  await room?.close();
});

test('open, NAT’d and firewalled desktop clients all finish; only the open one is connectable', async () => {
  const torrent = path.join(os.tmpdir(), `rooms-connectable-${process.pid}.torrent`);
  writeFileSync(
    torrent,
    Buffer.from(await (await fetch(`${lab.base}/class.torrent`)).arrayBuffer()),
  );
  const hosts = {
    open: room.addHost({ label: 'open' }),
    nat: room.addHost({ label: 'nat', nat: true }),
    firewalled: room.addHost({ label: 'fw', inboundTcpBlocked: true }),
  };
  const started = Object.fromEntries(
    await Promise.all(
      Object.entries(hosts).map(
        async ([name, host]) => [name, await startAria2(torrent, host)] as const,
      ),
    ),
  );
  clients.push(...Object.values(started));
  await Promise.all(Object.values(started).map((c) => c.finished));

  const socket = connect(lab.base, { transports: ['websocket'] });
  const view = await waitFor(
    'three desktop clients dialled',
    () =>
      new Promise<ConnectivityView | null>((resolve) =>
        socket.emit('connectivity:watch', (v: ConnectivityView) =>
          resolve(Object.keys(v.desktop).length >= 3 ? v : null),
        ),
      ),
    30_000,
  );
  socket.close();
  // Which entry is which: the model's desktop peers carry the address the seeder saw.
  const byHost: Record<string, { connectable: boolean; reason: string }> = {};
  for (const [id, c] of Object.entries(view.desktop)) {
    // The seeder's TCP server listens on ::, so it sees IPv4 peers as ::ffff:a.b.c.d.
    const address = (lab.lab.model.getPeer(id)?.address ?? '').replace(/^::ffff:/, '');
    const name = Object.entries(hosts).find(([, h]) =>
      address.startsWith(`${h.router?.address ?? h.address}:`),
    )?.[0];
    if (name) byHost[name] = c;
  }
  assert.equal(byHost.open?.connectable, true, JSON.stringify(view.desktop));
  assert.equal(byHost.nat?.connectable, false);
  assert.match(byHost.nat!.reason, /NAT router|no answer/);
  assert.equal(byHost.firewalled?.connectable, false);
  assert.match(byHost.firewalled!.reason, /^no answer/);
});
