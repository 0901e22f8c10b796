/**
 * DhtLookup's Kademlia model: XOR distance, routing tables of k-buckets, and a lookup that
 * ends at the true k closest nodes with the peers they store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  bucketOf,
  byDistance,
  createDhtNetwork,
  describeStep,
  getPeers,
  lookup,
  sharedPrefix,
  toBinary,
  xor,
} from '../../lib/diagrams/dht';
import { bandPattern, dhtLayout } from '../../lib/diagrams/dht-layout';

test('XOR distance: zero to itself, symmetric, and the shared prefix decides who is closer', () => {
  assert.equal(xor(0b1011_0010, 0b1011_0010), 0);
  assert.equal(xor(0b1011_0010, 0b1001_0011), 0b0010_0001);
  assert.equal(sharedPrefix(0b1011_0010, 0b1011_0110, 8), 5);
  assert.equal(sharedPrefix(0b0000_0000, 0b1000_0000, 8), 0);
  assert.equal(sharedPrefix(7, 7, 8), 8);
  assert.equal(bucketOf(0b1000_0000, 0b1000_0001), 0);
  assert.equal(bucketOf(0b1000_0000, 0b0000_0000), 7);
  assert.equal(toBinary(5, 8), '00000101');
  fc.assert(
    fc.property(fc.nat(255), fc.nat(255), fc.nat(255), (a, b, t) => {
      assert.equal(xor(a, b), xor(b, a));
      // Triangle equality of XOR: d(a,t) = d(a,b) XOR d(b,t).
      assert.equal(xor(a, t), xor(xor(a, b), xor(b, t)));
      if (sharedPrefix(a, t, 8) > sharedPrefix(b, t, 8)) assert.ok(xor(a, t) < xor(b, t));
    }),
  );
});

test('routing tables hold at most k nodes per bucket, and every node of a small bucket', () => {
  const net = createDhtNetwork({ seed: 9 });
  const { k } = net.options;
  for (const a of net.ids) {
    const table = net.tables.get(a)!;
    assert.ok(!table.includes(a));
    const perBucket = new Map<number, number>();
    for (const b of table) perBucket.set(bucketOf(a, b), (perBucket.get(bucketOf(a, b)) ?? 0) + 1);
    for (const [bucket, count] of perBucket) {
      const inNetwork = net.ids.filter((b) => b !== a && bucketOf(a, b) === bucket).length;
      assert.equal(count, Math.min(k, inNetwork), `node ${a} bucket ${bucket}`);
    }
  }
});

test('a lookup asks at most α new nodes a round, closest first, and never asks twice', () => {
  const net = createDhtNetwork();
  const steps = lookup(net);
  const asked = new Set<number>();
  for (const s of steps.slice(1)) {
    assert.ok(s.queried.length >= 1 && s.queried.length <= net.options.alpha);
    for (const id of s.queried) {
      assert.ok(!asked.has(id), `asked ${id} twice`);
      asked.add(id);
    }
    const before = steps[s.round - 1]!;
    const expected = before.known
      .filter((id) => !before.asked.includes(id))
      .slice(0, net.options.alpha);
    assert.deepEqual(s.queried, expected);
  }
  assert.equal(steps.at(-1)!.done, true);
  assert.ok(steps.slice(0, -1).every((s) => !s.done));
});

test('the lookup converges to the true k closest nodes and finds the peers they store', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 100_000 }),
      fc.integer({ min: 12, max: 60 }),
      fc.integer({ min: 2, max: 6 }),
      (seed, nodes, k) => {
        const net = createDhtNetwork({ seed, nodes, k });
        const last = lookup(net).at(-1)!;
        const truth = byDistance(
          net.ids.filter((id) => id !== net.you),
          net.target,
        ).slice(0, k);
        assert.deepEqual(last.known.slice(0, k), truth);
        assert.ok(truth.every((id) => last.asked.includes(id)));
        assert.deepEqual(last.peers, net.peers);
      },
    ),
    { numRuns: 300 },
  );
});

test('get_peers answers with the k closest nodes it knows, and values from a storer', () => {
  const net = createDhtNetwork();
  const storer = net.storers[0]!;
  assert.deepEqual(getPeers(net, storer).values, net.peers);
  const other = net.ids.find((id) => !net.storers.includes(id))!;
  const answer = getPeers(net, other);
  assert.equal(answer.values.length, 0);
  assert.equal(answer.nodes.length, Math.min(net.options.k, net.tables.get(other)!.length));
  assert.deepEqual(
    answer.nodes,
    byDistance(net.tables.get(other)!, net.target).slice(0, net.options.k),
  );
});

test('the same seed gives the same network and the same walk', () => {
  const a = createDhtNetwork({ seed: 42 });
  const b = createDhtNetwork({ seed: 42 });
  assert.deepEqual(a.ids, b.ids);
  assert.equal(a.target, b.target);
  assert.deepEqual(lookup(a), lookup(b));
  assert.notDeepEqual(createDhtNetwork({ seed: 43 }).ids, a.ids);
});

test('the words and the bands describe the walk', () => {
  const net = createDhtNetwork();
  const steps = lookup(net);
  assert.match(describeStep(net, steps[0]!), new RegExp(toBinary(net.target, 8)));
  assert.match(describeStep(net, steps.at(-1)!), /lookup is over/);
  assert.equal(bandPattern(0b0001_1001, 0, 8), '1xxxxxxx');
  assert.equal(bandPattern(0b0001_1001, 3, 8), '0000xxxx');
  assert.equal(bandPattern(0b0001_1001, 8, 8), '00011001');
  for (const width of [340, 700, 1100]) {
    const layout = dhtLayout(net, width);
    assert.equal(layout.pills.size, net.ids.length);
    const pills = [...layout.pills.values()];
    for (const p of pills)
      assert.ok(p.x >= 0 && p.x + p.w <= width, `pill off the edge at ${width}`);
    for (let i = 0; i < pills.length; i++) {
      for (let j = i + 1; j < pills.length; j++) {
        const [a, b] = [pills[i]!, pills[j]!];
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        assert.ok(apart, `pills ${a.id} and ${b.id} overlap at width ${width}`);
      }
    }
  }
});
