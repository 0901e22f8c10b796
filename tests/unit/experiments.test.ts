import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { followExperiments } from '../../lib/browser/peer-experiments';
import {
  announceChanges,
  applyExperiment,
  DEFAULT_EXPERIMENTS,
  describeExperiments,
  ExperimentMessage,
  INITIAL_EXPERIMENTS,
  peerUploadRate,
  resetExperiments,
  seederRate,
  superSeedingLive,
  type ExperimentChange,
  type ExperimentState,
} from '../../lib/experiments';
import { hexId } from '../support/swarm-fixtures';

const peer = hexId;

const change: fc.Arbitrary<ExperimentChange> = fc.record(
  {
    seederUploadLimit: fc.option(fc.integer({ min: 1024, max: 1 << 30 }), { nil: null }),
    seederPaused: fc.boolean(),
    seederStopped: fc.boolean(),
    strategy: fc.constantFrom('rarest' as const, 'sequential' as const),
    encryption: fc.constantFrom('off' as const, 'preferred' as const, 'required' as const),
    superSeed: fc.boolean(),
    freeRider: fc.record({ peerId: fc.integer({ min: 0, max: 6 }).map(peer), on: fc.boolean() }),
  },
  { requiredKeys: [] },
);

test('every valid change passes the schema, and applying changes keeps free-riders a set', () => {
  fc.assert(
    fc.property(fc.array(change, { maxLength: 30 }), (changes) => {
      let state = INITIAL_EXPERIMENTS;
      const riders = new Set<string>();
      for (const c of changes) {
        assert.equal(ExperimentMessage.safeParse(c).success, true);
        state = applyExperiment(state, c);
        if (c.freeRider) riders[c.freeRider.on ? 'add' : 'delete'](c.freeRider.peerId);
      }
      assert.deepEqual(new Set(state.freeRiders), riders);
      assert.equal(state.freeRiders.length, riders.size);
      assert.equal(state.round, 1, 'no change of settings starts a round');
    }),
  );
});

test('reset goes back to every default and keeps the round', () => {
  fc.assert(
    fc.property(
      fc.array(change, { maxLength: 10 }),
      fc.integer({ min: 1, max: 50 }),
      (cs, round) => {
        const state = cs.reduce(applyExperiment, {
          ...INITIAL_EXPERIMENTS,
          round,
          infoHash: 'f'.repeat(40),
        });
        const reset = resetExperiments(state);
        assert.deepEqual(reset, { ...DEFAULT_EXPERIMENTS, round, infoHash: 'f'.repeat(40) });
        assert.equal(seederRate(reset), -1);
      },
    ),
  );
});

test('the seeder rate and a peer upload rate', () => {
  assert.equal(
    seederRate({ ...INITIAL_EXPERIMENTS, seederUploadLimit: 4096, seederPaused: true }),
    0,
  );
  assert.equal(seederRate({ ...INITIAL_EXPERIMENTS, seederUploadLimit: 4096 }), 4096);
  const state = applyExperiment(INITIAL_EXPERIMENTS, { freeRider: { peerId: peer(1), on: true } });
  assert.equal(peerUploadRate(state, peer(1)), 0);
  assert.equal(peerUploadRate(state, peer(2)), -1);
});

test('bad input is refused with a readable reason', () => {
  const reasons = (msg: unknown) => {
    const r = ExperimentMessage.safeParse(msg);
    assert.equal(r.success, false, JSON.stringify(msg));
    return r.error!.issues.map((i) => i.message).join('; ');
  };
  assert.match(reasons({ strategy: 'random' }), /"rarest" or "sequential"/);
  assert.match(reasons({ seederUploadLimit: 10 }), /pause the seeder instead/);
  assert.match(reasons({ freeRider: { peerId: 'x', on: true } }), /40 hex/);
  assert.match(reasons({ kick: peer(1) }), /unrecognized/i);
});

test('status lines and what attendees are told', () => {
  const paused = applyExperiment(INITIAL_EXPERIMENTS, {
    seederPaused: true,
    strategy: 'sequential',
  });
  const lines = describeExperiments(paused);
  assert.match(lines.seeder, /paused/);
  assert.match(lines.strategy, /sequential/);
  assert.equal(
    describeExperiments({ ...INITIAL_EXPERIMENTS, seederStopped: true }).seeder,
    'The seeder has left the swarm',
  );
  assert.match(
    describeExperiments({ ...INITIAL_EXPERIMENTS, seederUploadLimit: 256 * 1024 }).seeder,
    /256 KB\/s/,
  );

  assert.deepEqual(announceChanges(INITIAL_EXPERIMENTS, INITIAL_EXPERIMENTS, null), []);
  const told = announceChanges(INITIAL_EXPERIMENTS, paused, null);
  assert.ok(told.some((t) => /paused the seeder/.test(t)));
  assert.ok(told.some((t) => /sequential/.test(t)));
  const rider = applyExperiment(INITIAL_EXPERIMENTS, { freeRider: { peerId: peer(3), on: true } });
  assert.deepEqual(announceChanges(INITIAL_EXPERIMENTS, rider, peer(4)), []);
  assert.match(announceChanges(INITIAL_EXPERIMENTS, rider, peer(3)).join(), /free-rider/);
  assert.match(
    announceChanges(rider, INITIAL_EXPERIMENTS, peer(3)).join(),
    /no longer a free-rider/,
  );
});

function follower(infoHash: string) {
  const calls = { throttle: [] as number[], strategy: [] as string[], switched: [] as string[] };
  let notes: string[] = [];
  let current = infoHash;
  const follow = followExperiments({
    peerId: peer(9),
    throttleUpload: (r) => calls.throttle.push(r),
    setStrategy: (s) => calls.strategy.push(s),
    currentInfoHash: () => current,
    switchRound: (h) => {
      calls.switched.push(h);
      current = h;
    },
    changed: (n) => (notes = n),
  });
  return { follow, calls, notes: () => notes };
}

test('a page follows the strategy, its free-rider mark and new rounds', () => {
  const one: ExperimentState = { ...INITIAL_EXPERIMENTS, infoHash: 'a'.repeat(40) };
  const f = follower(one.infoHash!);
  f.follow(one);
  assert.deepEqual(f.notes(), []);
  f.follow(
    applyExperiment(one, { freeRider: { peerId: peer(9), on: true }, strategy: 'sequential' }),
  );
  assert.deepEqual(f.calls.throttle, [-1, 0]);
  assert.deepEqual(f.calls.strategy, ['rarest', 'sequential']);
  assert.match(f.notes().join(), /free-rider/);
  f.follow({ ...one, round: 2, infoHash: 'b'.repeat(40) });
  assert.deepEqual(f.calls.switched, ['b'.repeat(40)]);
  assert.match(f.notes()[0]!, /round 2/);
  assert.ok(f.notes().length <= 3);
});

test('a page that first hears of the lab after a new round still switches and says so', () => {
  const f = follower('a'.repeat(40));
  f.follow({ ...INITIAL_EXPERIMENTS, round: 2, infoHash: 'b'.repeat(40) });
  assert.deepEqual(f.calls.switched, ['b'.repeat(40)]);
  assert.match(f.notes()[0]!, /round 2/);
  // A newcomer in round 2 on round 2's torrent is told nothing about rounds.
  const g = follower('b'.repeat(40));
  g.follow({ ...INITIAL_EXPERIMENTS, round: 2, infoHash: 'b'.repeat(40) });
  assert.deepEqual(g.notes(), []);
});

test("super-seeding: on by default, paused while browsers pick in order, reset to the lab's own default", () => {
  assert.equal(INITIAL_EXPERIMENTS.superSeed, true);
  assert.equal(superSeedingLive(INITIAL_EXPERIMENTS), true);
  const sequential = applyExperiment(INITIAL_EXPERIMENTS, { strategy: 'sequential' });
  assert.equal(sequential.superSeed, true, 'the setting stays…');
  assert.equal(superSeedingLive(sequential), false, '…but the seeder shows every piece');
  assert.match(describeExperiments(sequential).superSeed, /paused/);
  const off = applyExperiment(INITIAL_EXPERIMENTS, { superSeed: false });
  assert.equal(superSeedingLive(off), false);
  assert.match(describeExperiments(off).superSeed, /every piece/);
  assert.match(announceChanges(INITIAL_EXPERIMENTS, off, null).join(' '), /super-seeding off/);
  assert.equal(resetExperiments(off).superSeed, true);
  assert.equal(resetExperiments(INITIAL_EXPERIMENTS, false).superSeed, false, '--no-super-seed');
});
