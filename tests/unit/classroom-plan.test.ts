import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  fenceCommands,
  hostPlan,
  hostSetupCommands,
  hostTeardownCommands,
  randomTag,
  rateCommand,
  roomPlan,
  roomSetupCommands,
} from '../../tests/support/classroom-plan';
import { testAddress } from '../../tests/support/net';

const room = roomPlan('ab12', 77);
const line = (cmds: string[][]) => cmds.map((c) => c.join(' '));

test('a room owns one /24: hosts in the lower half, the upper half blackholed', () => {
  assert.equal(room.subnet, '10.233.77.0/24');
  assert.equal(room.room, '10.233.77.0/25');
  assert.equal(room.outside, '10.233.77.128/25');
  assert.deepEqual(line(roomSetupCommands(room)), [
    'ip link add swbab12 type bridge',
    'ip addr add 10.233.77.1/25 dev swbab12',
    'ip link set swbab12 up',
    'ip route add blackhole 10.233.77.128/25',
  ]);
  assert.throws(() => roomPlan('AB12', 77), /tag/);
  assert.throws(() => roomPlan('ab12', 0), /octet/);
});

test('names are unique per slot and every interface name fits 15 characters', () => {
  const a = hostPlan(room, 3, { label: 'aria2' });
  const b = hostPlan(roomPlan('zz99', 1), 95, { label: 'aria2' });
  assert.equal(a.ns, 'sw-ab12-3-aria2');
  assert.notEqual(a.ns, b.ns);
  for (const h of [a, b, hostPlan(room, 2)]) assert.ok(h.veth.length <= 15, h.veth);
  assert.equal(hostPlan(room, 2).ns, 'sw-ab12-lab');
  // .96 and up are the NAT links' /30s: no host may take one as its slot.
  assert.throws(() => hostPlan(room, 96), /slot/);
  assert.throws(() => hostPlan(room, 5, { label: 'Has Space' }), /label/);
  assert.match(randomTag(), /^[a-z0-9]{4}$/);
});

test('a plain host: own address, lo up, default route via the bridge, fenced in', () => {
  const cmds = line(hostSetupCommands(room, hostPlan(room, 5)));
  assert.ok(cmds.includes('ip -n sw-ab12-5-h5 addr add 10.233.77.5/25 dev eth0'));
  assert.ok(cmds.includes('ip -n sw-ab12-5-h5 link set lo up'));
  assert.ok(cmds.includes('ip -n sw-ab12-5-h5 route add default via 10.233.77.1'));
  assert.ok(cmds.includes('ip link set swab12h5 master swbab12 up'));
  const fence = line(fenceCommands(room, 'sw-ab12-5-h5'));
  assert.ok(fence.every((c) => cmds.includes(c)));
  // The last IPv4 and IPv6 OUTPUT rules drop everything the others did not accept.
  assert.ok(fence[3]!.endsWith('iptables -w -A OUTPUT -j DROP'));
  assert.ok(fence[7]!.endsWith('ip6tables -w -A OUTPUT -j DROP'));
  assert.ok(fence.some((c) => c.endsWith('-d 10.233.77.0/25 -j ACCEPT')));
  assert.ok(!cmds.some((c) => c.includes('isolated') || c.includes('tbf') || c.includes('--syn')));
});

test('conditions: isolation, inbound TCP refused, slow link, no default route', () => {
  const host = hostPlan(room, 6, {
    isolated: true,
    inboundTcpBlocked: true,
    upMbit: 8,
    downMbit: 16,
    noDefaultRoute: true,
  });
  const cmds = line(hostSetupCommands(room, host));
  assert.ok(cmds.includes('bridge link set dev swab12h6 isolated on'));
  assert.ok(cmds.includes('ip netns exec sw-ab12-6-h6 iptables -w -A INPUT -p tcp --syn -j DROP'));
  assert.ok(
    cmds.some((c) =>
      c.startsWith('ip netns exec sw-ab12-6-h6 tc qdisc add dev eth0 root tbf rate 8mbit'),
    ),
  );
  assert.ok(cmds.some((c) => c.startsWith('tc qdisc add dev swab12h6 root tbf rate 16mbit')));
  assert.ok(!cmds.some((c) => c.includes('route add default')));
  assert.throws(() => rateCommand([], 'eth0', 0), /rate/);
});

test('behind NAT: a router on the bridge, the host on a /30 inside the room', () => {
  const host = hostPlan(room, 7, { nat: true }, 1);
  assert.equal(host.address, '10.233.77.102');
  assert.equal(host.router?.address, '10.233.77.7');
  const cmds = line(hostSetupCommands(room, host));
  const r = 'sw-ab12-7-router';
  assert.ok(cmds.includes(`ip -n ${r} addr add 10.233.77.101/30 dev lan0`));
  assert.ok(cmds.includes(`ip netns exec ${r} sysctl -qw net.ipv4.ip_forward=1`));
  assert.ok(
    cmds.includes(`ip netns exec ${r} iptables -w -t nat -A POSTROUTING -o eth0 -j MASQUERADE`),
  );
  assert.ok(cmds.includes(`ip netns exec ${r} iptables -w -A FORWARD ! -d 10.233.77.0/25 -j DROP`));
  assert.ok(cmds.includes('ip -n sw-ab12-7-h7 route add default via 10.233.77.101'));
  assert.deepEqual(line(hostTeardownCommands(host)), [
    'ip link delete swab12h7',
    'ip netns delete sw-ab12-7-h7',
    `ip netns delete ${r}`,
  ]);
  assert.throws(() => hostPlan(room, 7, { nat: true }), /NAT link/);
  // Eight links fill .96–.127 exactly: the first starts at .96, the last ends at .127.
  assert.equal(hostPlan(room, 8, { nat: true }, 0).address, '10.233.77.98');
  assert.equal(hostPlan(room, 9, { nat: true }, 7).address, '10.233.77.126');
  assert.throws(() => hostPlan(room, 9, { nat: true }, 8), /NAT link 0–7/);
});

test('testAddress() refuses outside a classroom, and anything not in 10.233/16', () => {
  assert.throws(() => testAddress({}), /in-classroom\.ts/);
  assert.throws(() => testAddress({ SWARMLAB_TEST_ADDRESS: '192.168.1.20' }), /not a classroom/);
  assert.equal(testAddress({ SWARMLAB_TEST_ADDRESS: '10.233.77.2' }), '10.233.77.2');
});
