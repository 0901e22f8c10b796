/**
 * The lab dials a desktop client's announced address: a port something listens on (over TCP,
 * uTP or both) is connectable and the words say which transport; a closed one is refused, with
 * the reason in words. Real TCP and real uTP (utp-native, webtorrent's stack) on loopback.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { test } from 'node:test';
import utp from 'utp-native';
import { createConnectabilityChecker, dial } from '../../lab-server/connectability';

const PEER = 'ab'.repeat(20);

test('a listening port is connectable, a closed one is refused with its reason', async () => {
  const server = net.createServer((s) => s.destroy()).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  const tcpOnly = await dial('127.0.0.1', port, 2000);
  assert.equal(tcpOnly.connectable, true);
  assert.match(tcpOnly.reason, /^connectable over TCP only/);
  server.close();
  await once(server, 'close');
  const closed = await dial('127.0.0.1', port, 2000);
  assert.equal(closed.connectable, false);
  assert.match(closed.reason, /^TCP refused: .*; uTP no answer/);
});

/** A uTP listener on loopback; `port` 0 picks a free one. */
async function utpServer(port = 0): Promise<{ port: number; close: () => void }> {
  const server = utp.createServer((c) => c.destroy());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port: server.address().port, close: () => server.close() };
}

test('a port that answers over TCP and uTP says both; over uTP only, "uTP only"', async (t) => {
  // One port number for both, as a desktop client listens: TCP first, then UDP on the same
  // number (TCP and UDP ports are separate spaces, so the TCP listener does not take it).
  const tcp = net.createServer((s) => s.destroy()).listen(0, '127.0.0.1');
  await once(tcp, 'listening');
  const u = await utpServer((tcp.address() as net.AddressInfo).port);
  // A failed assertion must not leave the UDP socket holding the test process open.
  t.after(() => {
    u.close();
    tcp.close();
  });
  const both = await dial('127.0.0.1', u.port, 2000);
  assert.equal(both.connectable, true);
  assert.match(both.reason, /^connectable over TCP and uTP/);
  tcp.close();
  await once(tcp, 'close');
  const only = await dial('127.0.0.1', u.port, 2000);
  assert.equal(only.connectable, true, only.reason);
  assert.match(only.reason, /^connectable over uTP only \(TCP refused/);
});

test('the checker dials what a desktop client announced, not WebSocket peers', async () => {
  const server = net.createServer((s) => s.destroy()).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  const checker = createConnectabilityChecker({ timeoutMs: 2000 });
  checker.announced({
    info_hash: 'x',
    peer_id: 'cd'.repeat(20),
    type: 'ws',
    ip: '127.0.0.1',
    port,
  });
  checker.announced({ info_hash: 'x', peer_id: PEER, type: 'http', ip: '127.0.0.1', port });
  const [id, result] = (await once(checker, 'change')) as [string, { connectable: boolean }];
  assert.equal(id, PEER);
  assert.equal(result.connectable, true);
  assert.deepEqual(Object.keys(checker.results()), [PEER]);
  checker.close();
  server.close();
});
