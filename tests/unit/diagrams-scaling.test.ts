/** SwarmScaling: the two curves, the simulated points above the bound, and the chart geometry. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { niceMax, niceStep, ticks, linearScale } from '../../lib/diagrams/axis';
import {
  boundTerms,
  clientServerAt,
  curves,
  MB,
  measure,
  p2pBoundAt,
  sampleNs,
  SCALING_DEFAULTS as P,
} from '../../lib/diagrams/scaling';
import { formatSeconds, scalingChart } from '../../lib/diagrams/scaling-chart';

test('client-server grows as N·F/u_s; the swarm bound is max(F/u_s, F/d, N·F/(u_s + N·u_i))', () => {
  assert.equal(clientServerAt(P, 1), 10);
  assert.equal(clientServerAt(P, 20), (20 * 100) / 10);
  assert.equal(p2pBoundAt(P, 20), (20 * 100 * MB) / (10 * MB + 20 * 2 * MB));
  // With peers that upload nothing, a swarm is no better than the server alone.
  const selfish = { ...P, peerUpload: 0 };
  for (const n of [1, 5, 40]) assert.equal(p2pBoundAt(selfish, n), clientServerAt(selfish, n));
  assert.equal(boundTerms(P, 20).bottleneck, 'upload');
  assert.equal(boundTerms(P, 1).bottleneck, 'server');
  assert.equal(boundTerms({ ...P, download: 1 * MB }, 2).bottleneck, 'download');
});

test('the swarm curve never lies above client-server, rises, and levels off below F/u_i', () => {
  const { clientServer, p2p } = curves(P, 200);
  for (let i = 0; i < p2p.length; i++) {
    assert.ok(p2p[i]!.t <= clientServer[i]!.t + 1e-9);
    if (i > 0) assert.ok(p2p[i]!.t >= p2p[i - 1]!.t - 1e-9);
    assert.ok(p2p[i]!.t <= P.fileSize / P.peerUpload + 1e-9);
  }
});

test('simulated swarms take at least the Kumar–Ross bound', () => {
  for (const n of [1, 5, 12]) {
    for (const params of [P, { ...P, serverUpload: 3 * MB, peerUpload: 6 * MB }]) {
      const m = measure(params, n);
      assert.equal(m.bound, p2pBoundAt(params, n));
      assert.ok(Number.isFinite(m.time));
      assert.ok(m.time >= m.bound * (1 - 1e-9), `N=${n}: ${m.time} < ${m.bound}`);
      assert.ok(m.time < m.bound * 3, `N=${n}: ${m.time} is far above ${m.bound}`);
    }
  }
  assert.deepEqual(sampleNs(7), [1, 5, 7, 10, 20, 30, 40]);
  assert.deepEqual(sampleNs(10), [1, 5, 10, 20, 30, 40]);
});

test('round ticks and scales', () => {
  assert.equal(niceStep(500, 5), 100);
  assert.equal(niceStep(37, 4), 10);
  assert.equal(niceStep(0.3, 3), 0.1);
  assert.equal(niceMax(420, 5), 500);
  assert.deepEqual(ticks(40, 4), [0, 10, 20, 30, 40]);
  const x = linearScale([0, 10], [100, 200]);
  assert.equal(x(5), 150);
  assert.equal(formatSeconds(200), '200 s');
  assert.equal(formatSeconds(40), '40.0 s');
  assert.equal(formatSeconds(Infinity), '∞');
});

test('the chart keeps every curve, point and tick inside the plot', () => {
  const measured = [1, 5, 20].map((n) => ({
    n,
    time: p2pBoundAt(P, n) * 1.2,
    bound: p2pBoundAt(P, n),
  }));
  for (const width of [340, 800, 1200]) {
    const c = scalingChart(P, 20, measured, width, 360);
    const { x, y, w, h } = c.plot;
    const inside = (px: number, py: number) =>
      px >= x - 1e-6 && px <= x + w + 1e-6 && py >= y - 1e-6 && py <= y + h + 1e-6;
    for (const d of [c.clientServer, c.p2p]) {
      for (const [, px, py] of d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)) {
        assert.ok(inside(Number(px), Number(py)), `${px},${py} outside at width ${width}`);
      }
    }
    for (const p of c.points) assert.ok(inside(p.x, p.y));
    assert.ok(c.yMax >= clientServerAt(P, 40));
    assert.equal(c.points.length, 3);
    assert.ok(c.cursor.clientServerY < c.cursor.p2pY, 'client-server is higher on screen');
  }
});
