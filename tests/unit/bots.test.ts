import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { botNickname, fetchRetrying, startBot } from '../../lab-server/bots';
import { cleanLabel } from '../../lib/protocol';

test('bots carry their host as a prefix, so two bots processes never share a name', () => {
  assert.equal(botNickname('lab2', 0), 'lab2 Ada (bot)');
  assert.notEqual(botNickname('lab2', 0), botNickname('laptop', 0));
  assert.equal(botNickname('', 16), 'Ada (bot 2)');
  for (let i = 0; i < 64; i++) {
    const name = botNickname('a-very-long-host-name', i);
    assert.equal(cleanLabel(name), name, 'fits the lab’s nickname rules untouched');
    assert.match(name, /\(bot( \d+)?\)$/);
  }
});

test('a request the lab fails once is tried again, and succeeds', async () => {
  let calls = 0;
  const server = createServer((_req, res) => {
    calls++;
    if (calls < 3) {
      res.writeHead(503).end('busy');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const retries: number[] = [];
  try {
    const res = await fetchRetrying(`http://127.0.0.1:${port}/api/lab`, {
      firstDelayMs: 10,
      onRetry: (_e, n) => retries.push(n),
    });
    assert.deepEqual(await res.json(), { ok: true });
    assert.deepEqual(retries, [1, 2]);
  } finally {
    server.close();
  }
});

test('a bot that cannot reach the lab fails on its own, as an error, after bounded tries', async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  const warnings: Error[] = [];
  const started = Date.now();
  await assert.rejects(
    startBot(`http://127.0.0.1:${port}`, 'Ada (bot)', {
      tries: 3,
      onWarning: (e) => warnings.push(e),
    }),
  );
  assert.equal(warnings.length, 2);
  assert.ok(Date.now() - started < 10_000);
});
