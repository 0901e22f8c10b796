/** ChokingTimeline's model: when slots change, who gets them, and what a free-rider gets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { chokingChart, spansOf } from '../../lib/diagrams/choking-chart';
import {
  CHOKE_PEERS,
  describeRound,
  frameAt,
  roundAt,
  simulateChoking,
} from '../../lib/diagrams/choking-model';

const FREE_RIDER = CHOKE_PEERS.findIndex((p) => p.freeRider);

test('regular slots change only every 10 s, the optimistic one only at rounds, moving every 30 s', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
      const tl = simulateChoking({ seed });
      const key = (f: (typeof tl.frames)[number], s: string) =>
        f.status
          .map((x, i) => (x === s ? i : -1))
          .filter((i) => i >= 0)
          .join(',');
      for (let i = 1; i < tl.frames.length; i++) {
        const [a, b] = [tl.frames[i - 1]!, tl.frames[i]!];
        for (const s of ['regular', 'optimistic']) {
          if (key(a, s) !== key(b, s)) assert.equal(b.t % 10, 0, `${s} changed at ${b.t}`);
        }
      }
      for (const r of tl.rounds.filter((x) => x.rotated && x.t > 0)) {
        assert.notEqual(r.optimistic, roundAt(tl, r.t - 1).optimistic, `no rotation at ${r.t}`);
      }
    }),
    { numRuns: 60 },
  );
});

test('four slots in all as BEP 3 says: 3 regular and 1 optimistic, to distinct peers; regulars are the top uploaders', () => {
  const tl = simulateChoking();
  for (const f of tl.frames) {
    assert.ok(f.status.filter((s) => s === 'regular').length <= 3);
    assert.ok(f.status.filter((s) => s === 'optimistic').length <= 1);
    assert.ok(f.status.filter((s) => s !== 'choked').length <= 4, 'the optimistic one counts');
  }
  for (const r of tl.rounds) {
    const top = r.ranking
      .filter((x) => x.rate > 0)
      .slice(0, 3)
      .map((x) => x.peer);
    assert.deepEqual(r.regular, top);
    assert.ok(!r.regular.includes(r.optimistic));
  }
});

test('a free-rider never wins a regular slot, and gets the optimistic one now and then', () => {
  for (let seed = 1; seed <= 50; seed++) {
    const tl = simulateChoking({ seed });
    assert.ok(
      tl.frames.every((f) => f.status[FREE_RIDER] !== 'regular'),
      `seed ${seed}`,
    );
    assert.ok(tl.frames.every((f) => f.rates[FREE_RIDER] === 0));
  }
  const tl = simulateChoking();
  const turns = tl.rounds.filter((r) => r.optimistic === FREE_RIDER);
  assert.ok(turns.length > 0);
  assert.match(describeRound(tl, turns[0]!), /free-rider/);
});

test('the default story: a fast newcomer found by the optimistic slot earns a regular one', () => {
  const tl = simulateChoking();
  const femi = CHOKE_PEERS.findIndex((p) => p.id === 'Femi');
  const firstOptimistic = tl.rounds.find((r) => r.optimistic === femi)!;
  const firstRegular = tl.rounds.find((r) => r.regular.includes(femi))!;
  assert.ok(firstOptimistic.t < firstRegular.t);
  assert.equal(firstRegular.t - firstOptimistic.t, 10);
  assert.match(describeRound(tl, firstRegular), /Femi .* earns a regular slot/);
  assert.equal(frameAt(tl, 200).t, 120);
  assert.equal(frameAt(tl, 12.3).t, 12);
});

test('spans cover exactly the unchoked time, and the chart fits its width', () => {
  const tl = simulateChoking();
  for (let peer = 0; peer < CHOKE_PEERS.length; peer++) {
    const spans = spansOf(tl, peer, 120);
    const covered = spans.reduce((a, s) => a + (s.to - s.from), 0);
    const unchoked =
      tl.frames.filter((f) => f.t < 120 && f.status[peer] !== 'choked').length * tl.options.dt;
    assert.ok(Math.abs(covered - unchoked) < 1e-6);
  }
  for (const width of [340, 1100]) {
    const c = chokingChart(tl, width, 60);
    assert.ok(c.rate.x + c.rate.w <= width + 1e-6);
    for (const row of c.rows) for (const s of row.spans) assert.ok(s.x + s.w <= c.cursorX + 1e-6);
  }
});
