/**
 * The lab's own routes under load and bad input, against a real lab on 127.0.0.1: the QR cache
 * stays small, and /api/health tells readiness.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAX_QR_TEXT, QR_CACHE_ENTRIES, qrCache } from '../../lab-server/qr';
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
