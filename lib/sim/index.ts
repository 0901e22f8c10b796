/**
 * The in-browser swarm simulator: a pure, seeded model of a BitTorrent swarm for animated
 * lessons. See README.md in this folder for the model and its simplifications.
 */
export type {
  Flow,
  PeerRole,
  PeerSpec,
  PeerStatus,
  PieceTransfer,
  ResolvedConfig,
  SimConfig,
  SimPeer,
  SimState,
  Strategy,
} from './types';
export { DEFAULTS, STRATEGIES } from './config';
export { createSim } from './state';
export { step, stepInPlace } from './step';
export { allFinished, runToCompletion, type RunOptions, type RunResult } from './run';
export { addPeer, removePeer, removeSeed, setStrategy } from './controls';
export { boundInputOf, clientServerTime, minDistributionTime, type BoundInput } from './bounds';
export { SIM_CLIENT, toSwarmSnapshot, torrentInfoOf, type SnapshotOptions } from './to-snapshot';
export { fakeInfoHash, simPeerId } from './ids';
