/**
 * Defaults and validation, done once when a swarm is created or a peer added: a bad value
 * throws a RangeError naming it, instead of turning into NaN several thousand steps later.
 */
import type { PeerSpec, ResolvedConfig, SimConfig, Strategy } from './types';

export const STRATEGIES: readonly Strategy[] = ['rarest-first', 'random', 'sequential'];

export const DEFAULTS = {
  strategy: 'rarest-first',
  randomFirstPieces: 0,
  uploadSlots: 4,
  endgame: true,
  dt: 0.1,
  chokeInterval: 10,
  optimisticInterval: 30,
} as const satisfies Partial<SimConfig>;

function fail(message: string): never {
  throw new RangeError(`swarm sim: ${message}`);
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    fail(`${name} must be a positive number, got ${value}`);
  return value;
}

function count(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    fail(`${name} must be an integer >= 0, got ${value}`);
  return value;
}

export function checkStrategy(strategy: string): Strategy {
  const found = STRATEGIES.find((s) => s === strategy);
  if (!found) fail(`unknown strategy ${JSON.stringify(strategy)}`);
  return found;
}

export function resolveConfig(config: SimConfig): ResolvedConfig {
  if (!Number.isSafeInteger(config.seed)) fail(`seed must be an integer, got ${config.seed}`);
  const fileSize = positive('fileSize', config.fileSize);
  if (!Number.isSafeInteger(fileSize)) fail(`fileSize must be a whole number of bytes`);
  const pieceCount = count('pieceCount', config.pieceCount);
  if (pieceCount < 1) fail('pieceCount must be at least 1');
  const pieceLength = Math.ceil(fileSize / pieceCount);
  const lastPieceLength = fileSize - pieceLength * (pieceCount - 1);
  if (lastPieceLength <= 0) {
    fail(`${fileSize} bytes cannot be cut into ${pieceCount} pieces of ${pieceLength} bytes`);
  }
  return {
    seed: config.seed,
    fileSize,
    pieceCount,
    pieceLength,
    lastPieceLength,
    strategy: checkStrategy(config.strategy ?? DEFAULTS.strategy),
    randomFirstPieces: count('randomFirstPieces', config.randomFirstPieces ?? 0),
    uploadSlots: count('uploadSlots', config.uploadSlots ?? DEFAULTS.uploadSlots),
    endgame: config.endgame ?? DEFAULTS.endgame,
    dt: positive('dt', config.dt ?? DEFAULTS.dt),
    chokeInterval: positive('chokeInterval', config.chokeInterval ?? DEFAULTS.chokeInterval),
    optimisticInterval: positive(
      'optimisticInterval',
      config.optimisticInterval ?? DEFAULTS.optimisticInterval,
    ),
  };
}

export function checkPeerSpec(spec: PeerSpec, id: string, taken: ReadonlySet<string>): void {
  if (id === '') fail('a peer id must not be empty');
  if (taken.has(id)) fail(`duplicate peer id ${JSON.stringify(id)}`);
  for (const [name, value] of [
    ['upload', spec.upload],
    ['download', spec.download],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) fail(`${id}: ${name} must be >= 0, got ${value}`);
  }
  if (spec.role !== undefined && spec.role !== 'seed' && spec.role !== 'leecher') {
    fail(`${id}: unknown role ${JSON.stringify(spec.role)}`);
  }
  if (spec.joinAt !== undefined && !(Number.isFinite(spec.joinAt) && spec.joinAt >= 0)) {
    fail(`${id}: joinAt must be a time >= 0, got ${spec.joinAt}`);
  }
  if (spec.leaveAt !== undefined && !(spec.leaveAt >= (spec.joinAt ?? 0))) {
    fail(`${id}: leaveAt must not come before joinAt`);
  }
}

export function pieceSize(config: ResolvedConfig, piece: number): number {
  return piece === config.pieceCount - 1 ? config.lastPieceLength : config.pieceLength;
}
