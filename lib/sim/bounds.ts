/**
 * Lower bounds on distribution time (Kumar & Ross 2006; Kurose & Ross, "Computer Networking",
 * §2.5): how fast any scheme could possibly get one file of F bytes to N peers.
 *
 *   peer-to-peer:  T_min = max(F / u_s, F / d_min, N·F / (u_s + Σ u_i))
 *   client-server: T_cs  = max(N·F / u_s, F / d_min)
 *
 * u_s is the seed's upload rate, u_i and d_i the peers' upload and download rates.
 */
import type { SimConfig } from './types';

export interface BoundInput {
  /** F, bytes. */
  fileSize: number;
  /** u_s, bytes/s: the total upload capacity of the peers that start with the file. */
  seedUpload: number;
  /** u_i of the N downloading peers, bytes/s (a free-rider's is 0). */
  uploads: readonly number[];
  /** d_i of the N downloading peers, bytes/s. */
  downloads: readonly number[];
}

/** Kumar–Ross minimum distribution time for peer-to-peer; 0 when there is nobody to serve. */
export function minDistributionTime(input: BoundInput): number {
  const { fileSize: f, seedUpload: us, uploads, downloads } = input;
  const n = downloads.length;
  if (n === 0) return 0;
  const dMin = Math.min(...downloads);
  const sumU = uploads.reduce((a, b) => a + b, 0);
  return Math.max(f / us, f / dMin, (n * f) / (us + sumU));
}

/** Client-server distribution time: the server sends N copies itself. */
export function clientServerTime(input: Omit<BoundInput, 'uploads'>): number {
  const { fileSize: f, seedUpload: us, downloads } = input;
  const n = downloads.length;
  if (n === 0) return 0;
  return Math.max((n * f) / us, f / Math.min(...downloads));
}

/** The bound inputs of a simulated swarm (every peer counted, whenever it joins). */
export function boundInputOf(config: SimConfig): BoundInput {
  const leechers = config.peers.filter((p) => (p.role ?? 'leecher') === 'leecher');
  return {
    fileSize: config.fileSize,
    seedUpload: config.peers.filter((p) => p.role === 'seed').reduce((a, p) => a + p.upload, 0),
    uploads: leechers.map((p) => (p.freeRider ? 0 : p.upload)),
    downloads: leechers.map((p) => p.download),
  };
}
