/**
 * The class torrent, round by round, and whether the seeder is in its swarm.
 *
 * A new round is the same files under a new info hash: round N > 1 adds a non-standard
 * `source` key to the info dict (as private trackers do), so nothing is hashed again and
 * everyone starts from zero. The lab's tracker tracks only the current round's hash, the seeder
 * seeds only it, and the swarm model resets to it.
 */
import { z } from 'zod';
import createDebug from 'debug';
import parseTorrent, { toMagnetURI, toTorrentFile } from 'parse-torrent';
import type { SwarmModel } from '../lib/swarm-model';
import type { Seeder, SeededTorrent } from './seeder';
import type { ListedPeer } from './desktop-identity';
import { createSeederTelemetry, type SeederTelemetry } from './seeder-telemetry';
import type { TorrentSource } from './share-folder';
import { createStateFile } from './state-file';

export const ROUND_FILE = 'round.json';
import type { LabTracker } from './tracker';

const debug = createDebug('lab:rounds');

export interface RoundTorrent {
  round: number;
  infoHash: string;
  name: string;
  pieceCount: number;
  pieceLength: number;
  length: number;
  magnet: string;
  /** Lists every lab tracker (desktop clients). */
  torrentFile: Buffer;
  /** The same info hash, listing only the WebSocket tracker (all a browser can use). */
  browserTorrentFile: Buffer;
}

export interface Trackers {
  http: string;
  udp: string;
  ws: string;
}

export interface Rounds {
  current(): RoundTorrent;
  /** Round 1: registers the class torrent and seeds it. */
  start(): Promise<RoundTorrent>;
  /** A fresh torrent of the same files; resolves once the seeder seeds it (if it is running). */
  next(): Promise<RoundTorrent>;
  /** The seeder leaves the swarm (false) or comes back (true). */
  setSeeding(on: boolean): Promise<void>;
  seeding(): boolean;
  /** The seeder's TCP/uTP port, once seeding has started. */
  seededTorrent(): SeededTorrent | null;
  /** Closes the seeder's wires to a peer in this round and keeps it out until the next one. */
  closeWires(peerId: string): number;
  close(): void;
}

/** The round's `source` tag in the info dict; round 1 has none (the pack's usual info hash). */
export const roundTag = (round: number) => `swarmlab-round-${round}`;

/** The same torrent with the round's tag in its info dict: same pieces, new info hash. */
export async function tagRound(torrentFile: Buffer, round: number): Promise<Buffer> {
  if (round === 1) return torrentFile;
  const parsed = await parseTorrent(torrentFile);
  const info = { ...(parsed.info as Record<string, unknown>), source: roundTag(round) };
  return toTorrentFile({ ...parsed, info }) as Buffer;
}

export function createRounds(opts: {
  source: TorrentSource;
  trackers: Trackers;
  model: SwarmModel;
  /** The tracker, which owns its allow-list: a round's info hash is allowed, the old one forbidden. */
  tracker: Pick<LabTracker, 'allow' | 'forbid'>;
  seeder: Seeder | null;
  /** Where the round number is kept, so a restarted lab serves the same round's info hash. */
  dataDir?: string;
  onError?: (err: Error) => void;
  telemetryIntervalMs?: number;
  /** Who the lab's tracker lists in a swarm: desktop peers stay on the projector while listed. */
  listedPeers?: (infoHash: string) => ListedPeer[];
}): Rounds {
  const { source, trackers, model, tracker, seeder } = opts;
  let base: { all: Buffer; browser: Buffer } | null = null;
  let current: RoundTorrent | null = null;
  let seeded: SeededTorrent | null = null;
  let telemetry: SeederTelemetry | null = null;
  let seeding = true;
  // Round N's torrent is derived from the files and N alone: keeping N is keeping the round.
  const disk = opts.dataDir
    ? createStateFile({
        dataDir: opts.dataDir,
        name: ROUND_FILE,
        schema: z.object({ round: z.number().int().min(1).max(1_000_000) }),
        read: () => ({ round: current?.round ?? 1 }),
        onError: (err) => opts.onError?.(err),
      })
    : null;
  if (disk?.problem) debug('%s', disk.problem);
  /** Bytes the seeder sent in the current round before a pause: its total never goes down. */
  let carried = { infoHash: '', bytes: 0 };
  /** One change at a time: a new round while the seeder restarts would seed the wrong torrent. */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => {});
    return run;
  };

  const build = async (round: number): Promise<RoundTorrent> => {
    base ??= {
      all: await source.torrent([trackers.ws, trackers.http, trackers.udp]),
      browser: await source.torrent([trackers.ws]),
    };
    const torrentFile = await tagRound(base.all, round);
    const browserTorrentFile = await tagRound(base.browser, round);
    const parsed = await parseTorrent(torrentFile);
    return {
      round,
      infoHash: parsed.infoHash,
      name: parsed.name as string,
      // A .torrent file always has these (only a magnet link lacks them).
      pieceCount: parsed.pieces?.length ?? 0,
      pieceLength: parsed.pieceLength ?? 0,
      length: parsed.length ?? 0,
      magnet: toMagnetURI({ ...parsed, announce: [trackers.ws, trackers.http, trackers.udp] }),
      torrentFile,
      browserTorrentFile,
    };
  };

  const startSeeding = async (round: RoundTorrent, trusted: boolean) => {
    if (!seeder) return;
    seeded = await seeder.seed(round.torrentFile, source.parent, { trusted });
    telemetry = createSeederTelemetry({
      model,
      seederId: seeder.peerId,
      torrent: seeded,
      uploadRate: seeder.uploadRate,
      intervalMs: opts.telemetryIntervalMs,
      listed: () => opts.listedPeers?.(round.infoHash) ?? [],
      uploadedBefore: carried.infoHash === round.infoHash ? carried.bytes : 0,
    });
  };

  const stopSeeding = async (round: RoundTorrent) => {
    if (telemetry) carried = { infoHash: round.infoHash, bytes: telemetry.uploaded() };
    telemetry?.forget();
    telemetry = null;
    seeded = null;
    await seeder?.unseed(round.infoHash);
  };

  const setModelTorrent = (r: RoundTorrent) =>
    model.setTorrent({
      infoHash: r.infoHash,
      name: r.name,
      pieceCount: r.pieceCount,
      pieceLength: r.pieceLength,
      length: r.length,
    });

  const rounds: Rounds = {
    current: () => {
      if (!current) throw new Error('the class torrent is not ready yet');
      return current;
    },
    start: () =>
      serial(async () => {
        current = await build(disk?.initial?.round ?? 1);
        tracker.allow(current.infoHash);
        setModelTorrent(current);
        await startSeeding(current, false);
        return current;
      }),
    next: () =>
      serial(async () => {
        const old = rounds.current();
        const fresh = await build(old.round + 1);
        tracker.allow(fresh.infoHash);
        if (seeding) await stopSeeding(old);
        tracker.forbid(old.infoHash);
        current = fresh;
        setModelTorrent(fresh);
        // The files were verified in round 1 and only the info dict's tag changed.
        if (seeding) await startSeeding(fresh, true);
        debug('round %d: %s', fresh.round, fresh.infoHash);
        await disk?.save();
        return fresh;
      }),
    setSeeding: (on) =>
      serial(async () => {
        if (on === seeding) return;
        seeding = on;
        if (on) await startSeeding(rounds.current(), true);
        else await stopSeeding(rounds.current());
        debug('seeder %s', on ? 'back in the swarm' : 'left the swarm');
      }),
    seeding: () => seeding,
    seededTorrent: () => seeded,
    closeWires: (peerId) => {
      if (!current || !seeder) return 0;
      // A desktop client may have used several peer ids (libtorrent reconnects with a new one).
      const ids = telemetry?.drop(peerId) ?? [peerId];
      return ids.reduce((n, id) => n + seeder.closeWires(current!.infoHash, id), 0);
    },
    close: () => telemetry?.close(),
  };
  return rounds;
}
