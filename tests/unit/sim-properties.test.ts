/**
 * Invariants of the swarm simulator over random small swarms (fast-check): everyone finishes
 * while a full copy exists, runs are reproducible, bitfields only grow, bytes are conserved and
 * no peer sends or receives faster than its capacity.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countPieces, hasPiece } from '../../lib/bitfield';
import {
  clientServerTime,
  boundInputOf,
  createSim,
  runToCompletion,
  step,
  STRATEGIES,
  type SimConfig,
  type SimState,
} from '../../lib/sim';

const PIECE = 16_384;

/** 1 seed and 1–11 leechers, 8–64 pieces; capacities in pieces per second so runs stay short. */
const swarmArb: fc.Arbitrary<SimConfig> = fc
  .record({
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    pieceCount: fc.integer({ min: 8, max: 64 }),
    // BitTorrent cut: pieces of ceil(F/P) bytes; F = P·PIECE - k (k < P) keeps them PIECE long.
    shortBy: fc.integer({ min: 0, max: 63 }),
    seedUpload: fc.double({ min: 0.5, max: 4, noNaN: true }),
    leechers: fc.array(
      fc.record({
        upload: fc.double({ min: 0.1, max: 2, noNaN: true }),
        download: fc.double({ min: 0.5, max: 4, noNaN: true }),
        freeRider: fc.nat(4).map((n) => n === 0),
      }),
      { minLength: 1, maxLength: 11 },
    ),
    strategy: fc.constantFrom(...STRATEGIES),
    uploadSlots: fc.integer({ min: 1, max: 4 }),
    endgame: fc.boolean(),
    randomFirstPieces: fc.integer({ min: 0, max: 2 }),
  })
  .map((x) => ({
    seed: x.seed,
    fileSize: x.pieceCount * PIECE - (x.shortBy % x.pieceCount),
    pieceCount: x.pieceCount,
    strategy: x.strategy,
    uploadSlots: x.uploadSlots,
    endgame: x.endgame,
    randomFirstPieces: x.randomFirstPieces,
    dt: 0.25,
    peers: [
      { role: 'seed' as const, upload: x.seedUpload * PIECE, download: 0 },
      ...x.leechers.map((l) => ({ ...l, upload: l.upload * PIECE, download: l.download * PIECE })),
    ],
  }));

/** Generous: the seed alone serving everyone, three times over, plus ten choke rounds. */
const maxTimeOf = (config: SimConfig) => 3 * clientServerTime(boundInputOf(config)) + 100;

test('every leecher finishes while the seed stays and nobody leaves', () => {
  fc.assert(
    fc.property(swarmArb, (config) => {
      const { finishTimes, state } = runToCompletion(config, { maxTime: maxTimeOf(config) });
      for (const [id, t] of Object.entries(finishTimes)) {
        assert.notEqual(t, null, `${id} unfinished at t=${state.t}`);
      }
    }),
    { numRuns: 40, includeErrorInReport: true },
  );
});

test('same config and seed give the same run, transfer for transfer', () => {
  fc.assert(
    fc.property(swarmArb, (config) => {
      const log = (s: SimState, out: string[]) =>
        out.push(...s.transfers.map((x) => `${x.t} ${x.from}>${x.to} #${x.piece}`));
      const a: string[] = [];
      const b: string[] = [];
      const maxTime = maxTimeOf(config);
      const ra = runToCompletion(config, { maxTime, onStep: (s) => log(s, a) });
      const rb = runToCompletion(structuredClone(config), { maxTime, onStep: (s) => log(s, b) });
      assert.deepEqual(ra.finishTimes, rb.finishTimes);
      assert.deepEqual(a, b);
      assert.equal(ra.state.rng.s, rb.state.rng.s);
    }),
    { numRuns: 30, includeErrorInReport: true },
  );
});

test('step is pure: the input state is unchanged and stepping it again gives the same state', () => {
  fc.assert(
    fc.property(swarmArb, fc.integer({ min: 0, max: 200 }), (config, warmup) => {
      let s = createSim(config);
      for (let i = 0; i < warmup; i++) s = step(s);
      const before = structuredClone(s);
      const once = step(s);
      assert.deepEqual(s, before);
      assert.deepEqual(step(s), once);
    }),
    { numRuns: 30, includeErrorInReport: true },
  );
});

test('per step: bitfields only grow, counts agree, capacities hold, bytes are conserved', () => {
  fc.assert(
    fc.property(swarmArb, (config) => {
      let s = createSim(config);
      const maxTime = maxTimeOf(config);
      const lastPiece = config.fileSize - (config.pieceCount - 1) * PIECE;
      const slack = 1 + 1e-9;
      while (s.t < maxTime && s.peers.some((p) => p.role === 'leecher' && p.finishedAt === null)) {
        const prev = s;
        s = step(s);
        const availability = new Int32Array(config.pieceCount);
        let uploaded = 0;
        let downloaded = 0;
        for (const p of s.peers) {
          const old = prev.peers[p.index]!;
          for (let i = 0; i < config.pieceCount; i++) {
            if (hasPiece(old.have, i)) assert.ok(hasPiece(p.have, i), `${p.id} lost #${i}`);
            if (hasPiece(p.have, i) && p.status === 'active') availability[i]!++;
          }
          assert.equal(p.haveCount, countPieces(p.have, config.pieceCount));
          assert.ok(p.uploadRate <= p.upload * slack, `${p.id} uploads over capacity`);
          assert.ok(p.downloadRate <= p.download * slack, `${p.id} downloads over capacity`);
          if (p.freeRider) assert.equal(p.uploaded, 0);
          uploaded += p.uploaded;
          downloaded += p.downloaded;
        }
        assert.deepEqual(s.availability, availability);
        assert.ok(Math.abs(uploaded - downloaded) <= 1e-9 * Math.max(1, uploaded));
        // No byte is wasted in this model (endgame duplicates are cancelled at once): what
        // was downloaded is exactly the leechers' complete pieces plus their partial ones.
        let held = 0;
        for (const p of s.peers) {
          if (p.role === 'seed') continue;
          for (let i = 0; i < config.pieceCount; i++) {
            if (hasPiece(p.have, i)) held += i === config.pieceCount - 1 ? lastPiece : PIECE;
          }
          for (const bytes of p.partial.values()) held += bytes;
        }
        assert.ok(Math.abs(downloaded - held) <= 1e-9 * Math.max(1, held));
        for (const p of s.peers) {
          // BEP 3: the optimistic unchoke is one of the slots, not one more.
          const slots = p.unchoked.length;
          assert.ok(slots <= config.uploadSlots!, `${p.id} unchokes ${slots} peers`);
        }
      }
    }),
    { numRuns: 30, includeErrorInReport: true },
  );
});
