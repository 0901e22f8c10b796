/**
 * Desktop connectability in a classroom (run through tests/support/in-classroom.ts): aria2 on an
 * open host, behind NAT and behind an inbound TCP firewall, and Transmission (which, unlike
 * aria2, speaks uTP) on an open host and behind the same firewall, all download the class pack,
 * and the lab, dialling the address each announced over TCP and uTP, tells the pages which are
 * connectable, over which transport, and why not for the others.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { io as connect } from 'socket.io-client';
import type { ConnectivityView } from '../../lib/protocol';
import { joinClassroom, type Classroom } from '../support/classroom';
import { startAria2, startTransmission, type DesktopClient } from '../support/desktop-clients';
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

test('open, NAT’d and firewalled desktop clients all finish; each is shown connectable over what answers', async () => {
  const torrent = path.join(os.tmpdir(), `rooms-connectable-${process.pid}.torrent`);
  writeFileSync(
    torrent,
    Buffer.from(await (await fetch(`${lab.base}/class.torrent`)).arrayBuffer()),
  );
  const hosts = {
    open: room.addHost({ label: 'open' }),
    nat: room.addHost({ label: 'nat', nat: true }),
    firewalled: room.addHost({ label: 'fw', inboundTcpBlocked: true }),
    openUtp: room.addHost({ label: 'open-tr' }),
    firewalledUtp: room.addHost({ label: 'fw-tr', inboundTcpBlocked: true }),
  };
  const utpHosts = new Set(['openUtp', 'firewalledUtp']);
  const started = Object.fromEntries(
    await Promise.all(
      Object.entries(hosts).map(
        async ([name, host]) =>
          [
            name,
            await (utpHosts.has(name) ? startTransmission : startAria2)(torrent, host),
          ] as const,
      ),
    ),
  );
  clients.push(...Object.values(started));
  await Promise.all(Object.values(started).map((c) => c.finished));

  const socket = connect(lab.base, { transports: ['websocket'] });
  const view = await waitFor(
    'five desktop clients dialled',
    () =>
      new Promise<ConnectivityView | null>((resolve) =>
        socket.emit('connectivity:watch', (v: ConnectivityView) =>
          resolve(Object.keys(v.desktop).length >= 5 ? v : null),
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
  const all = JSON.stringify(view.desktop);
  // aria2 has no uTP: open means TCP only; behind the firewall neither transport answers.
  assert.equal(byHost.open?.connectable, true, all);
  assert.match(byHost.open!.reason, /^connectable over TCP only/);
  assert.equal(byHost.nat?.connectable, false, all);
  assert.match(byHost.nat!.reason, /NAT router|no answer/);
  assert.equal(byHost.firewalled?.connectable, false, all);
  assert.match(byHost.firewalled!.reason, /^no answer: .*\(neither TCP nor uTP answered\)$/);
  // Transmission listens on uTP as well: both on an open host, uTP alone through the firewall.
  assert.equal(byHost.openUtp?.connectable, true, all);
  assert.match(byHost.openUtp!.reason, /^connectable over TCP and uTP/);
  assert.equal(byHost.firewalledUtp?.connectable, true, all);
  assert.match(byHost.firewalledUtp!.reason, /^connectable over uTP only \(TCP no answer/);
});
