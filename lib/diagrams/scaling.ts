/**
 * SwarmScaling's model: how long it takes to give N peers a file from one server alone, the
 * Kumar–Ross lower bound for a swarm, and what the simulator measures for a few N. The curves
 * are formulas; the points are real simulated swarms, small enough to run in a click.
 */
import {
  clientServerTime,
  minDistributionTime,
  runToCompletion,
  type BoundInput,
  type SimConfig,
} from '../sim';

export const MB = 1_000_000;

export interface ScalingParams {
  /** F, bytes. */
  fileSize: number;
  /** d, every peer's download rate, bytes/s. */
  download: number;
  /** u_s, the server's (the seed's) upload rate, bytes/s. */
  serverUpload: number;
  /** u_i, every peer's upload rate, bytes/s. */
  peerUpload: number;
}

export const SCALING_DEFAULTS: ScalingParams = {
  fileSize: 100 * MB,
  download: 10 * MB,
  serverUpload: 10 * MB,
  peerUpload: 2 * MB,
};

/** The x axis runs from 1 to this many peers. */
export const N_MAX = 40;
/** Where the simulator is run (plus the N the reader picked). */
export const SAMPLE_NS: readonly number[] = [1, 5, 10, 20, 30, 40];
/** Few pieces keep a run to a few hundred ticks; the bound holds whatever the count. */
export const SIM_PIECES = 24;
/** Ticks per bound-length of simulated time: fine enough that a tick is never the story. */
const TICKS_PER_BOUND = 250;

export function boundInput(p: ScalingParams, n: number): BoundInput {
  return {
    fileSize: p.fileSize,
    seedUpload: p.serverUpload,
    uploads: Array<number>(n).fill(p.peerUpload),
    downloads: Array<number>(n).fill(p.download),
  };
}

/** max(N·F/u_s, F/d): the server sends every copy itself. */
export function clientServerAt(p: ScalingParams, n: number): number {
  return clientServerTime(boundInput(p, n));
}

/** T_min = max(F/u_s, F/d_min, N·F/(u_s + Σu_i)). */
export function p2pBoundAt(p: ScalingParams, n: number): number {
  return minDistributionTime(boundInput(p, n));
}

export type BoundTerm = 'server' | 'download' | 'upload';

/** The three terms of T_min, and which one is the largest (the bottleneck). */
export function boundTerms(p: ScalingParams, n: number) {
  const terms: Record<BoundTerm, number> = {
    server: p.fileSize / p.serverUpload,
    download: p.fileSize / p.download,
    upload: (n * p.fileSize) / (p.serverUpload + n * p.peerUpload),
  };
  const bottleneck = (Object.keys(terms) as BoundTerm[]).reduce((a, b) =>
    terms[b] > terms[a] ? b : a,
  );
  return { terms, bottleneck };
}

export interface CurvePoint {
  n: number;
  t: number;
}

export function curves(p: ScalingParams, nMax = N_MAX) {
  const ns = Array.from({ length: nMax }, (_, i) => i + 1);
  return {
    clientServer: ns.map((n) => ({ n, t: clientServerAt(p, n) })),
    p2p: ns.map((n) => ({ n, t: p2pBoundAt(p, n) })),
  };
}

export function scalingSimConfig(p: ScalingParams, n: number, seed = 1): SimConfig {
  return {
    seed,
    fileSize: p.fileSize,
    pieceCount: SIM_PIECES,
    peers: [
      { role: 'seed', upload: p.serverUpload, download: 0 },
      ...Array.from({ length: n }, () => ({ upload: p.peerUpload, download: p.download })),
    ],
  };
}

export interface Measured {
  n: number;
  /** When the last peer finished, simulated seconds. */
  time: number;
  bound: number;
}

export const measureKey = (p: ScalingParams, n: number) =>
  `${p.fileSize}/${p.download}/${p.serverUpload}/${p.peerUpload}/${n}`;

/**
 * A round tick (1, 2 or 5 × 10^k s) no longer than `max`: the simulator rounds its clock to the
 * nanosecond after each tick, so a tick like 0.1333… would drift.
 */
export function roundTick(max: number): number {
  const power = 10 ** Math.floor(Math.log10(max));
  const m = max / power;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * power;
}

/** Runs the swarm to the end and reports when the last peer had the whole file. */
export function measure(p: ScalingParams, n: number, seed = 1): Measured {
  const bound = p2pBoundAt(p, n);
  const { finishTimes } = runToCompletion(scalingSimConfig(p, n, seed), {
    maxTime: bound * 20,
    dt: roundTick(bound / TICKS_PER_BOUND),
  });
  const times = Object.values(finishTimes);
  const time = times.some((t) => t === null) ? Infinity : Math.max(...(times as number[]));
  return { n, time, bound };
}

/** The N values to simulate for a chart, the reader's pick included, without repeats. */
export function sampleNs(picked: number): number[] {
  return [...new Set([...SAMPLE_NS, picked])].sort((a, b) => a - b);
}
