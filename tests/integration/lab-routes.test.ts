/**
 * The lab's own routes under load and bad input, against a real lab on 127.0.0.1: the QR cache
 * stays small, and /api/health tells readiness.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createLab } from '../../lab-server/lab';
import { MAX_QR_TEXT, QR_CACHE_ENTRIES, qrCache } from '../../lab-server/qr';
import { freePort } from '../support/net';
import { startTestLab, type TestLab } from '../support/lab';

const LOOPBACK = { host: '127.0.0.1', publicAddress: '127.0.0.1' } as const;

describe('/api/qr', () => {
  let t: TestLab;
  before(async () => {
    t = await startTestLab({ ...LOOPBACK, seed: false });
  });
  after(async () => t.close());

  test('2,000 unique texts leave a small cache, and health stays fast', async () => {
    for (let i = 0; i < 2000; i += 20)
      await Promise.all(
        Array.from({ length: 20 }, async (_, j) => {
          const res = await fetch(
            `${t.base}/api/qr?text=${encodeURIComponent(`http://lab/${i + j}`)}`,
          );
          assert.equal(res.status, 200);
          await res.arrayBuffer();
        }),
      );
    assert.ok(qrCache.size() <= QR_CACHE_ENTRIES, `${qrCache.size()} cached`);
    const started = Date.now();
    assert.equal((await fetch(`${t.base}/api/health`)).status, 200);
    assert.ok(Date.now() - started < 500, 'health answers in under half a second');
  });

  test('text is required and bounded', async () => {
    for (const text of ['', 'x'.repeat(MAX_QR_TEXT + 1)]) {
      const res = await fetch(`${t.base}/api/qr?text=${text}`);
      assert.equal(res.status, 400);
      assert.match(((await res.json()) as { error: string }).error, /up to 512 characters/);
    }
  });
});

describe('/api/health tells readiness; every response has security headers', () => {
  test('never ok while a page would still say "SwarmLab is starting"', async () => {
    // The site needs the production build (`npm run build`), as `npm start` does.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-health-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const lab = createLab({ ...LOOPBACK, port, torrentPort: 0, packMiB: 2, dataDir, seed: false });
    let listening = false;
    const listened = lab.listen().then(() => (listening = true));
    const seen = { notReady: 0, ok: 0 };
    const parts = new Set<string>();
    try {
      while (!listening) {
        const health = await fetch(`${base}/api/health`).catch(() => null);
        if (health) {
          const body = (await health.json()) as { ok: boolean; notReady?: string[] };
          if (health.status === 503) {
            seen.notReady++;
            assert.equal(body.ok, false);
            for (const part of body.notReady ?? []) parts.add(part);
          } else {
            assert.equal(health.status, 200);
            seen.ok++;
            const page = await fetch(`${base}/join`);
            await page.arrayBuffer();
            assert.notEqual(page.status, 503, 'health said ok, the page said starting');
          }
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      await listened;
      assert.ok(seen.notReady > 0, 'health was asked while the lab was starting');
      assert.ok(parts.has('site'), `not-ready parts named: ${[...parts].join(', ')}`);
      const health = await fetch(`${base}/api/health`);
      const body = (await health.json()) as { ok: boolean; version: string };
      assert.equal(health.status, 200);
      assert.equal(body.ok, true);
      assert.match(body.version, /^\d+\.\d+\.\d+/);
      assert.equal((await fetch(`${base}/join`)).status, 200);

      // Security headers on every response: pages, APIs, tracker replies, errors.
      const { attendeeUrls } = (await (await fetch(`${base}/api/lab`)).json()) as {
        attendeeUrls: string[];
      };
      const labOrigins = new Set(attendeeUrls.map((u) => new URL(u).host));
      // socket.io's long-polling handshake is answered by socket.io itself.
      const polling = '/socket.io/?EIO=4&transport=polling';
      for (const route of [
        '/join',
        '/api/lab',
        '/api/health',
        '/announce',
        '/no-such-page',
        polling,
      ]) {
        const res = await fetch(`${base}${route}`);
        await res.arrayBuffer();
        if (route === polling) assert.equal(res.status, 200, 'a polling handshake');
        const csp = res.headers.get('content-security-policy') ?? '';
        assert.match(csp, /default-src 'self'/, route);
        assert.match(csp, /frame-ancestors 'none'/, route);
        assert.match(csp, new RegExp(`connect-src [^;]*ws://127\\.0\\.0\\.1:${port}`), route);
        for (const [, host] of csp.matchAll(/(?:https?|wss?):\/\/([^ ;]+)/g))
          assert.ok(labOrigins.has(host!), `${route}: ${host} is not the lab`);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff', route);
        assert.equal(res.headers.get('x-frame-options'), 'DENY', route);
        assert.equal(res.headers.get('referrer-policy'), 'no-referrer', route);
      }
    } finally {
      await listened.catch(() => {});
      await lab.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
