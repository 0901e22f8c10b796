/**
 * The lab dials a desktop client's announced address: a port something listens on is
 * connectable; a closed one is refused, with the reason in words. Real TCP on loopback.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { test } from 'node:test';
import { createConnectabilityChecker, dial } from '../../lab-server/connectability';

const PEER = 'ab'.repeat(20);

test('a listening port is connectable, a closed one is refused with its reason', async () => {
  const server = net.createServer((s) => s.destroy()).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  assert.equal((await dial('127.0.0.1', port, 2000)).connectable, true);
  server.close();
  await once(server, 'close');
  const closed = await dial('127.0.0.1', port, 2000);
  assert.equal(closed.connectable, false);
  assert.match(closed.reason, /^refused/);
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
