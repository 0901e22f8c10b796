/**
 * The classroom itself (tests/support/classroom.ts), built for real: hosts reach each other
 * over the bridge, a packet to an address outside the room is dropped by the OUTPUT rule (the
 * "outside" is the run's own blackholed half-subnet, never a real outside address), and each
 * condition does what a venue's network does: client isolation, NAT, inbound TCP refused, a
 * slow link. Everything is gone after close(). Probes are small Node scripts run in each host.
 */
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
  classroomFromEnv,
  createClassroom,
  type Classroom,
  type ClassroomHost,
} from '../support/classroom';

// One script, several probes: `serve` (TCP: tells each client the address it came from, or
// streams N bytes; UDP: echoes), `connect`, `udp`, `fetch` (bytes per second).
const PROBE = `
const net = require('net'), dgram = require('dgram');
const [mode, addr, port, extra] = process.argv.slice(1);
if (mode === 'serve') {
  net.createServer((s) => {
    s.once('data', (d) => {
      const n = Number(String(d).trim());
      if (n > 0) s.end(Buffer.alloc(n));
      else s.end(s.remoteAddress.replace('::ffff:', ''));
    });
  }).listen(Number(port), addr);
  const u = dgram.createSocket('udp4');
  u.on('message', (m, r) => u.send(m, r.port, r.address));
  u.bind(Number(port), addr, () => console.log('ready'));
} else if (mode === 'connect' || mode === 'fetch') {
  const started = Date.now();
  let bytes = 0, text = '';
  const s = net.connect(Number(port), addr, () => s.write(mode === 'fetch' ? extra : 'who\\n'));
  s.setTimeout(1500, () => { console.log('timeout'); process.exit(); });
  s.on('data', (d) => { bytes += d.length; text += d; });
  s.on('end', () => {
    console.log(mode === 'fetch' ? String(bytes / ((Date.now() - started) / 1000)) : 'ok ' + text);
    process.exit();
  });
  s.on('error', (e) => { console.log(e.code); process.exit(); });
} else if (mode === 'udp') {
  const u = dgram.createSocket('udp4');
  u.on('message', () => { console.log('ok'); process.exit(); });
  u.on('error', (e) => { console.log(e.code); process.exit(); });
  u.send('ping', Number(port), addr, (e) => e && (console.log(e.code), process.exit()));
  setTimeout(() => { console.log('timeout'); process.exit(); }, 1500);
}
`;
const PORT = '7357';

/** `ip …` in the root namespace, also when this test itself runs on a classroom's lab host. */
function ipInRoot(...args: string[]): string {
  const outer = classroomFromEnv();
  const argv = outer ? ['netns', 'exec', outer.rootNs, 'ip', ...args] : args;
  return spawnSync('ip', argv, { encoding: 'utf8' }).stdout;
}

function probe(host: ClassroomHost, ...args: string[]): string {
  const [file, ...rest] = host.command(process.execPath, ['-e', PROBE, ...args]);
  const out = spawnSync(file!, rest, { encoding: 'utf8', timeout: 20_000 });
  return out.stdout.trim();
}

function serve(host: ClassroomHost): Promise<ChildProcess> {
  const child = host.spawn(process.execPath, ['-e', PROBE, 'serve', host.address, PORT], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', () => resolve(child));
  });
}

/** Packets counted by the last (DROP) rule of a host's IPv4 OUTPUT chain. */
function droppedPackets(host: ClassroomHost): number {
  const rules = host.run('iptables', ['-w', '-L', 'OUTPUT', '-v', '-n', '-x']).trim().split('\n');
  const last = rules.at(-1)!.trim().split(/\s+/);
  assert.equal(last[2], 'DROP', `last OUTPUT rule is not DROP: ${rules.at(-1)}`);
  return Number(last[0]);
}

describe('a classroom of network namespaces', () => {
  let room: Classroom;
  let plain: ClassroomHost, other: ClassroomHost, isolated: ClassroomHost;
  let natted: ClassroomHost, firewalled: ClassroomHost, slow: ClassroomHost;
  let isolated2: ClassroomHost;
  const servers: ChildProcess[] = [];

  before(async () => {
    room = createClassroom({
      attendees: [
        { label: 'plain' },
        { label: 'other' },
        { label: 'isolated', isolated: true },
        { label: 'natted', nat: true },
        { label: 'firewalled', inboundTcpBlocked: true },
        { label: 'slow', downMbit: 8 },
        { label: 'isolated2', isolated: true },
      ],
    });
    [plain, other, isolated, natted, firewalled, slow, isolated2] = room.attendees as [
      ClassroomHost,
      ClassroomHost,
      ClassroomHost,
      ClassroomHost,
      ClassroomHost,
      ClassroomHost,
      ClassroomHost,
    ];
    for (const host of [room.lab, other, firewalled, isolated2]) servers.push(await serve(host));
  });

  after(async () => {
    for (const s of servers) s.kill();
    await room?.close();
  });

  test('each host has its own address and a default route via the bridge', () => {
    const addresses = new Set([room.lab.address, ...room.attendees.map((h) => h.address)]);
    assert.equal(addresses.size, 8);
    assert.match(plain.run('ip', ['route']), new RegExp(`default via ${room.gateway} dev eth0`));
    assert.equal(probe(plain, 'connect', room.lab.address, PORT), `ok ${plain.address}`);
    assert.equal(probe(plain, 'connect', other.address, PORT), `ok ${plain.address}`);
    assert.equal(probe(room.lab, 'udp', other.address, PORT), 'ok');
  });

  test('a packet to an address outside the room is dropped before it leaves the host', () => {
    const outside = `10.233.${room.octet}.200`; // this run's blackholed half: nobody lives there
    const before = droppedPackets(plain);
    // (A dropped datagram or SYN may or may not surface as EPERM; the DROP counter tells.)
    assert.match(probe(plain, 'udp', outside, PORT), /^(EPERM|timeout)$/);
    assert.match(probe(plain, 'connect', outside, PORT), /^(EPERM|timeout)$/);
    assert.ok(droppedPackets(plain) >= before + 2, 'the DROP rule counted the packets');
    // The gate rule itself: a DROP verdict, so OUTPUT to anything else stops there too.
    assert.match(plain.run('iptables', ['-w', '-S', 'OUTPUT']), /-A OUTPUT -j DROP\n?$/);
    assert.match(plain.run('ip6tables', ['-w', '-S', 'OUTPUT']), /-A OUTPUT -j DROP\n?$/);
  });

  test('client isolation: the lab is reachable, isolated classmates are not', () => {
    assert.equal(probe(isolated, 'connect', room.lab.address, PORT), `ok ${isolated.address}`);
    assert.equal(probe(isolated, 'connect', isolated2.address, PORT), 'timeout');
    assert.equal(probe(isolated, 'udp', isolated2.address, PORT), 'timeout');
    // As on a real access point, isolated ports still reach ports that are not (the lab's).
    assert.equal(probe(isolated, 'connect', other.address, PORT), `ok ${isolated.address}`);
  });

  test('behind NAT: dials out under the router address, cannot be dialled', () => {
    assert.ok(natted.router);
    assert.equal(probe(natted, 'connect', room.lab.address, PORT), `ok ${natted.router.address}`);
    assert.notEqual(probe(room.lab, 'udp', natted.address, PORT), 'ok');
  });

  test('inbound TCP firewalled: SYNs dropped, UDP still gets in, outgoing TCP works', () => {
    assert.equal(probe(room.lab, 'connect', firewalled.address, PORT), 'timeout');
    assert.equal(probe(room.lab, 'udp', firewalled.address, PORT), 'ok');
    assert.equal(probe(firewalled, 'connect', room.lab.address, PORT), `ok ${firewalled.address}`);
  });

  test('a slow link is as slow as asked (8 Mbit/s down), a plain one is not', () => {
    const bytes = String(1_500_000);
    const slowRate = (Number(probe(slow, 'fetch', room.lab.address, PORT, bytes)) * 8) / 1e6;
    const fastRate = (Number(probe(plain, 'fetch', room.lab.address, PORT, bytes)) * 8) / 1e6;
    assert.ok(slowRate > 5 && slowRate < 9.5, `slow link ran at ${slowRate.toFixed(1)} Mbit/s`);
    assert.ok(fastRate > 40, `plain link ran at ${fastRate.toFixed(1)} Mbit/s`);
  });

  test('a host added later joins the same room and leaves with removeHost', () => {
    const late = room.addHost({ label: 'late' });
    assert.equal(probe(late, 'connect', room.lab.address, PORT), `ok ${late.address}`);
    room.removeHost(late);
    assert.ok(!existsSync(`/run/netns/${late.ns}`));
  });
});

test('close() removes every namespace, interface and route it made', async () => {
  const room = createClassroom({ attendees: [{ label: 'a' }, { nat: true }] });
  const names = [room.lab.ns, ...room.attendees.flatMap((h) => [h.ns, h.router?.ns ?? h.ns])];
  for (const ns of names) assert.ok(existsSync(`/run/netns/${ns}`), ns);
  await room.close();
  // The root namespace's name goes too, unless it is an outer classroom's (we run on its lab).
  const gone = classroomFromEnv() ? names : [...names, room.rootNs];
  for (const ns of gone) assert.ok(!existsSync(`/run/netns/${ns}`), ns);
  const links = ipInRoot('-o', 'link');
  assert.ok(!links.includes(room.bridge) && !links.includes(`sw${room.tag}h`));
  const routes = ipInRoot('route', 'show', 'table', 'all');
  assert.ok(!routes.includes(`10.233.${room.octet}.`));
});

test('a process killed by SIGTERM still tears its classroom down', () => {
  const script = `
    import { createClassroom } from './tests/support/classroom.ts';
    const room = createClassroom({ attendees: 1 });
    console.log(JSON.stringify([room.lab.ns, room.attendees[0].ns, room.bridge]));
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => {}, 10_000);`;
  const out = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  assert.equal(out.signal, 'SIGTERM', out.stderr);
  const [labNs, attendeeNs, bridge] = JSON.parse(out.stdout) as string[];
  assert.ok(!existsSync(`/run/netns/${labNs}`) && !existsSync(`/run/netns/${attendeeNs}`));
  assert.ok(!ipInRoot('-o', 'link').includes(bridge!));
});

test('a classroom left by a SIGKILLed process is removed by the next one built', async () => {
  const script = `
    import { createClassroom } from './tests/support/classroom.ts';
    const room = createClassroom({ attendees: 1 });
    console.log(JSON.stringify([room.lab.ns, room.attendees[0].ns, room.bridge]));
    process.kill(process.pid, 'SIGKILL');`;
  const out = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  assert.equal(out.signal, 'SIGKILL', out.stderr);
  const [labNs, attendeeNs, bridge] = JSON.parse(out.stdout) as string[];
  assert.ok(existsSync(`/run/netns/${labNs}`), 'SIGKILL leaves the classroom behind');
  const next = createClassroom();
  await next.close();
  assert.ok(!existsSync(`/run/netns/${labNs}`) && !existsSync(`/run/netns/${attendeeNs}`));
  assert.ok(!ipInRoot('-o', 'link').includes(bridge!));
});

test('refuses clearly when it cannot create namespaces (not root)', () => {
  const script = `
    import { createClassroom } from './tests/support/classroom.ts';
    try { createClassroom(); } catch (e) { console.log(e.message); process.exit(3); }`;
  const out = spawnSync(
    'setpriv',
    [
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      process.execPath,
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      script,
    ],
    { encoding: 'utf8', timeout: 30_000, env: { ...process.env, HOME: '/tmp' } },
  );
  assert.equal(out.status, 3, out.stderr);
  assert.match(out.stdout, /Cannot build a classroom of network namespaces: .*not running as root/);
});
