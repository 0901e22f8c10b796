import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, parseProcRoute, type HostFacts } from '../../lab-server/doctor';

const ROUTE = `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
wlan0\t00000000\t0102A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
wlan0\t0002A8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0
`;

const facts = (over: Partial<HostFacts> = {}): HostFacts => ({
  platform: 'linux',
  interfaces: [
    { name: 'wlan0', address: '192.168.2.10', netmask: '255.255.255.0', family: 'IPv4' },
  ],
  defaultRoute: { via: '192.168.2.1', dev: 'wlan0' },
  firewall: { policy: 'ACCEPT', blocking: [] },
  ...over,
});
const ports = { http: 3000, ice: 3001, torrent: 6881 };
const levels = (f: HostFacts, address = '192.168.2.10', host = '0.0.0.0') =>
  diagnose({ facts: f, address, host, ports });

test('the default route is read from /proc/net/route, little-endian', () => {
  assert.deepEqual(parseProcRoute(ROUTE), { via: '192.168.2.1', dev: 'wlan0' });
  assert.equal(
    parseProcRoute(
      ROUTE.split('\n')
        .filter((l) => !l.includes('\t00000000\t0102'))
        .join('\n'),
    ),
    null,
  );
});

test('a healthy host has no warnings', () => {
  assert.deepEqual(
    levels(facts()).filter((f) => f.level === 'warn'),
    [],
  );
});

test('no default route is a warning that names the lab’s STUN', () => {
  const w = levels(facts({ defaultRoute: null })).filter((f) => f.level === 'warn');
  assert.equal(w.length, 1);
  assert.match(w[0]!.text, /No default route.*STUN/);
});

test('a printed address that is not this host’s, or not listened on, is a warning', () => {
  assert.match(
    levels(facts(), '10.0.0.9').find((f) => f.level === 'warn')!.text,
    /not one of this laptop's/,
  );
  assert.match(
    levels(facts(), '192.168.2.10', '127.0.0.1').find((f) => f.level === 'warn')!.text,
    /listens on 127\.0\.0\.1 only/,
  );
});

test('a filtering firewall is a warning listing every port the lab needs', () => {
  const w = levels(facts({ firewall: { policy: 'DROP', blocking: [] } })).find(
    (f) => f.level === 'warn',
  )!;
  assert.match(w.text, /TCP 3000.*UDP 3000.*UDP 3001.*TCP\+UDP 6881/);
});

test('no IPv4 interface at all is a warning', () => {
  assert.ok(levels(facts({ interfaces: [] })).some((f) => /No network interface/.test(f.text)));
});
