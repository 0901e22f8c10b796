/**
 * Steps per second of the swarm simulator at diagram size (50 peers x 200 pieces) and at a
 * stress size (300 x 1000), for the pure `step` (copies the state first) and `stepInPlace`.
 * Each figure times every step of a fresh download from t = 0 (up to 600 steps = 60 simulated
 * seconds) after a warm-up run, so choke rounds and piece picking are in it, idle tails are not.
 *
 *   npx tsx bench/sim-step.ts
 */
import {
  allFinished,
  createSim,
  step,
  stepInPlace,
  toSwarmSnapshot,
  type SimConfig,
  type SimState,
} from '../lib/sim';

const PIECE = 256 * 1024;

function swarm(peers: number, pieces: number): SimConfig {
  const specs: SimConfig['peers'] = [{ role: 'seed', upload: 2_000_000, download: 0 }];
  for (let i = 1; i < peers; i++) {
    // Mixed classroom: laptops on Wi-Fi at 0.5-2 MB/s up, 2-8 MB/s down; a few free-riders.
    specs.push({
      upload: 500_000 * (1 + (i % 4)),
      download: 2_000_000 * (1 + (i % 4)),
      freeRider: i % 10 === 0,
    });
  }
  return { seed: 42, fileSize: pieces * PIECE, pieceCount: pieces, peers: specs };
}

const MAX_STEPS = 600;

function timeSteps(config: SimConfig, advance: (s: SimState) => SimState): number[] {
  let state = createSim(config);
  const times: number[] = [];
  while (times.length < MAX_STEPS && !allFinished(state)) {
    const start = performance.now();
    state = advance(state);
    times.push(performance.now() - start);
  }
  return times;
}

const us = (ms: number) => `${(ms * 1000).toFixed(0).padStart(6)} µs`;

function measure(label: string, config: SimConfig, advance: (s: SimState) => SimState): void {
  timeSteps({ ...config, seed: config.seed + 1 }, advance); // warm-up: let the JIT settle
  const times = timeSteps(config, advance);
  const total = times.reduce((a, b) => a + b, 0);
  const sorted = times.slice().sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  console.log(
    `${label.padEnd(36)} ${(times.length / (total / 1000)).toFixed(0).padStart(7)} steps/s` +
      `  mean ${us(total / times.length)}  p50 ${us(at(0.5))}  p99 ${us(at(0.99))}` +
      `  max ${us(at(1))}  (${times.length} steps)`,
  );
}

function measureSnapshot(label: string, config: SimConfig): void {
  let state = createSim(config);
  for (let i = 0; i < 200; i++) state = stepInPlace(state);
  const runs = 200;
  for (let i = 0; i < runs; i++) toSwarmSnapshot(state);
  const start = performance.now();
  for (let i = 0; i < runs; i++) toSwarmSnapshot(state);
  console.log(`${label.padEnd(36)} ${us((performance.now() - start) / runs)} per snapshot`);
}

for (const [peers, pieces] of [
  [50, 200],
  [300, 1000],
] as const) {
  const config = swarm(peers, pieces);
  measure(`${peers} peers x ${pieces} pieces, step`, config, (s) => step(s));
  measure(`${peers} peers x ${pieces} pieces, stepInPlace`, config, (s) => stepInPlace(s));
  measureSnapshot(`${peers} peers x ${pieces} pieces, snapshot`, config);
}
