/**
 * The class index: attendees' own torrents, registered from /share so the class-mode tracker
 * accepts them, listed with live seeder/leecher counts, moderated by the instructor, and
 * optionally fetched and re-seeded by the lab's seeder (the seedbox) for desktop clients.
 * Only metadata reaches the lab; the files travel peer to peer.
 */
import { EventEmitter } from 'node:events';
import parseTorrent from 'parse-torrent';
import createDebug from 'debug';
import type { z } from 'zod';
import {
  ShareModerateMessage,
  ShareRegisterMessage,
  ShareSeedboxMessage,
  type ShareIndex,
  type SharedEntry,
} from '../lib/protocol';
import { Refusal, type LabSocket, type LabSocketServer, type SocketLayer } from './socket-layer';
import { createClassIndexStore } from './class-index-store';
import { createSeedboxSwitch, type Seedbox } from './class-seedbox';
import { checkRegistration, labFiles, type TorrentMeta } from './share-files';
import type { LabTracker, SwarmCounts } from './tracker';

const debug = createDebug('lab:shared');

const INDEX_ROOM = 'share-index';
/** How many torrents the index holds; beyond that the oldest are dropped. */
const MAX_ENTRIES = 500;
/** How many torrents one attendee (one address) may have in the index at once. */
export const MAX_PER_ATTENDEE = 20;

/** An attendee is a laptop: its address, not its socket (a page can reconnect at will). */
const attendeeOf = (socket: LabSocket) => socket.handshake.address.replace(/^::ffff:/, '');

export interface SharedTorrentsOptions {
  io: LabSocketServer;
  sockets: SocketLayer;
  /** The privacy switch (lab-server/privacy.ts): the index tells pages its position. */
  showAddresses: () => boolean;
  /** The tracker, which owns its class-mode allow-list: a registered torrent is allowed. */
  tracker: Pick<LabTracker, 'allow' | 'forbid'>;
  counts: (infoHash: string) => SwarmCounts;
  trackers: { http: string; udp: string; ws: string };
  maxBytes: number;
  /** Where the seedbox keeps its copies. */
  dataDir: string;
  /** The seeder's seedbox, when the lab seeds (class-seedbox.ts switches it). */
  seedbox?: Seedbox;
  pollMs?: number;
}

interface Stored {
  entry: Omit<SharedEntry, 'seeders' | 'leechers'>;
  /** The .torrent with the lab's HTTP, UDP and WebSocket trackers. */
  desktopFile: Buffer;
  /** The same info hash with only the WebSocket tracker, for browsers. */
  browserFile: Buffer;
  /** Seeded by the lab from the instructor's own folder (`--also-share`): never deleted. */
  labOwned?: boolean;
  /** Who registered it (the attendee's address), for the per-attendee limit. */
  owner?: string;
}

export interface SharedTorrents extends EventEmitter {
  index(opts?: { includeHidden?: boolean }): ShareIndex;
  torrentFile(infoHash: string, browser: boolean): Buffer | null;
  /**
   * Lists a torrent the lab itself already seeds (an instructor's folder) in the index. The
   * seedbox switch leaves it alone; removing it stops seeding but keeps the files.
   */
  addLabTorrent(torrentFile: Buffer, nickname: string): Promise<SharedEntry>;
  /** The privacy switch's position, as the index reports it (routes.ts reads it here). */
  showAddresses(): boolean;
  /** Lists again what attendees had shared before the lab restarted. */
  restore(): Promise<void>;
  /** Sends the index to every watcher again (the privacy switch changed). */
  refresh(): void;
  close(): Promise<void>;
}

export function createSharedTorrents(opts: SharedTorrentsOptions): SharedTorrents {
  const shared = new EventEmitter() as SharedTorrents;
  const torrents = new Map<string, Stored>();
  let seedboxAll = false;
  let lastSent = '';
  const disk = createClassIndexStore({
    dataDir: opts.dataDir,
    // The lab's own entries come back from --also-share at every start: only attendees' are kept.
    read: () => ({
      seedboxAll,
      entries: [...torrents.values()]
        .filter((s) => !s.labOwned)
        .map(({ entry, owner }) => ({
          infoHash: entry.infoHash,
          name: entry.name,
          length: entry.length,
          pieceCount: entry.pieceCount,
          pieceLength: entry.pieceLength,
          nickname: entry.nickname,
          sharedAt: entry.sharedAt,
          hidden: entry.hidden,
          seedbox: entry.seedbox !== 'off',
          owner: owner ?? '',
        })),
    }),
    onError: (err) => shared.emit('error', err),
  });

  const withCounts = (s: Stored): SharedEntry => {
    const c = opts.counts(s.entry.infoHash);
    return { ...s.entry, seeders: c.complete, leechers: c.incomplete };
  };

  shared.index = ({ includeHidden = false } = {}) => ({
    entries: [...torrents.values()]
      .filter((s) => includeHidden || !s.entry.hidden)
      .map(withCounts)
      .sort((a, b) => b.sharedAt - a.sharedAt),
    seedboxAll,
    showAddresses: opts.showAddresses(),
    maxBytes: opts.maxBytes,
  });

  shared.torrentFile = (infoHash, browser) => {
    const s = torrents.get(infoHash);
    return s ? (browser ? s.browserFile : s.desktopFile) : null;
  };

  /** Pushes the index to watchers when it changed (counts included); instructors see hidden entries too. */
  const broadcast = (force = false) => {
    const publicIndex = shared.index();
    const text = JSON.stringify([publicIndex, shared.index({ includeHidden: true })]);
    if (!force && text === lastSent) return;
    lastSent = text;
    // A forced broadcast follows a change of the index itself: keep it.
    if (force) void disk.list.save();
    const full = shared.index({ includeHidden: true });
    for (const socket of opts.io.sockets.adapter.rooms.get(INDEX_ROOM) ?? []) {
      const s = opts.io.sockets.sockets.get(socket);
      s?.emit('share:index', s.data.instructor ? full : publicIndex);
    }
  };
  const timer = setInterval(() => broadcast(), opts.pollMs ?? 1000);
  timer.unref();

  const seedboxSwitch = createSeedboxSwitch({
    seedbox: opts.seedbox,
    dataDir: opts.dataDir,
    onChange: () => broadcast(),
    onWarning: (err) => shared.emit('warning', err),
  });
  const setSeedbox = seedboxSwitch.set;

  /** Keeps a torrent in the index and lets the tracker accept it. */
  const store = (
    meta: TorrentMeta,
    entry: Omit<Stored['entry'], 'magnet'>,
    who: { owner?: string; labOwned?: boolean },
  ): Stored => {
    const { magnet, desktopFile, browserFile } = labFiles(meta, entry.name, opts.trackers);
    const stored: Stored = {
      entry: { ...entry, magnet },
      desktopFile,
      browserFile,
      labOwned: who.labOwned,
      owner: who.owner,
    };
    // Full: the oldest attendee share goes. The lab's own torrents never do (they are the
    // instructor's, and seeded from the instructor's folder).
    if (!who.labOwned && torrents.size >= MAX_ENTRIES) {
      const oldest = [...torrents.values()].find((s) => !s.labOwned);
      if (!oldest) throw new Refusal('the class index is full');
      remove(oldest.entry.infoHash);
    }
    torrents.set(entry.infoHash, stored);
    opts.tracker.allow(entry.infoHash);
    return stored;
  };

  const register = async (
    msg: z.output<typeof ShareRegisterMessage>,
    owner: string,
  ): Promise<SharedEntry> => {
    const meta = await checkRegistration(msg, opts.maxBytes);
    const existing = torrents.get(msg.infoHash);
    if (existing) return withCounts(existing);
    let mine = 0;
    for (const s of torrents.values()) if (s.owner === owner) mine++;
    if (mine >= MAX_PER_ATTENDEE)
      throw new Refusal(
        `you have shared ${mine} torrents already: ask the instructor to remove one first`,
      );

    const stored = store(
      meta,
      {
        infoHash: msg.infoHash,
        name: msg.name,
        length: msg.length,
        pieceCount: msg.pieceCount,
        pieceLength: msg.pieceLength,
        nickname: msg.nickname,
        sharedAt: Date.now(),
        hidden: false,
        seedbox: 'off',
      },
      { owner },
    );
    debug('%s shared %s (%s)', msg.nickname, msg.name, msg.infoHash);
    // On disk before the attendee hears "shared": a restart right after still lists it.
    await disk
      .saveTorrent(msg.infoHash, stored.desktopFile)
      .catch((err: Error) =>
        shared.emit('error', new Error(`could not save ${msg.name}: ${err.message}`)),
      );
    if (seedboxAll) setSeedbox(stored, true);
    broadcast(true);
    await disk.list.save();
    return withCounts(stored);
  };

  shared.addLabTorrent = async (torrentFile, nickname) => {
    const meta = await parseTorrent(torrentFile);
    const existing = torrents.get(meta.infoHash);
    if (existing) return withCounts(existing);
    const stored = store(
      meta,
      {
        infoHash: meta.infoHash,
        name: String(meta.name),
        length: meta.length ?? 0,
        pieceCount: meta.pieces?.length ?? 0,
        pieceLength: meta.pieceLength ?? 0,
        nickname,
        sharedAt: Date.now(),
        hidden: false,
        seedbox: 'seeding',
      },
      { labOwned: true },
    );
    debug('the lab lists its own %s (%s)', stored.entry.name, meta.infoHash);
    broadcast(true);
    return withCounts(stored);
  };

  const remove = (infoHash: string) => {
    const s = torrents.get(infoHash);
    if (!s) return;
    if (s.labOwned) seedboxSwitch.release(infoHash);
    else setSeedbox(s, false);
    torrents.delete(infoHash);
    opts.tracker.forbid(infoHash);
    if (!s.labOwned)
      void disk.dropTorrent(infoHash).catch((err: Error) => shared.emit('error', err));
  };

  shared.restore = async () => {
    const saved = disk.list.initial;
    if (disk.list.problem) shared.emit('warning', new Error(disk.list.problem));
    if (!saved) return;
    seedboxAll = saved.seedboxAll;
    for (const e of saved.entries) {
      try {
        const meta = await parseTorrent(await disk.readTorrent(e.infoHash));
        if (meta.infoHash !== e.infoHash) throw new Error('its .torrent has another info hash');
        const { owner, seedbox, ...entry } = e;
        const stored = store(meta, { ...entry, seedbox: 'off' }, { owner });
        if (seedbox) setSeedbox(stored, true);
      } catch (err) {
        shared.emit(
          'warning',
          new Error(`class index: ${e.name} not restored (${(err as Error).message})`),
        );
      }
    }
    debug('restored %d shared torrents', torrents.size);
    broadcast(true);
  };

  const { sockets } = opts;
  sockets.handle('share:register', {
    // Hashing and sharing takes an attendee seconds per file: a burst, then one every 2 s.
    rate: { burst: 5, perSecond: 0.5 },
    schema: ShareRegisterMessage,
    handle: async (msg, socket) => ({ ok: true, entry: await register(msg, attendeeOf(socket)) }),
  });

  sockets.handle('share:watch', {
    handle: (_msg, socket) => {
      void socket.join(INDEX_ROOM);
      return shared.index({ includeHidden: socket.data.instructor });
    },
  });

  sockets.handle('share:moderate', {
    instructorOnly: true,
    schema: ShareModerateMessage,
    handle: async ({ infoHash, action }) => {
      const s = torrents.get(infoHash);
      if (!s) throw new Refusal('no such torrent in the index');
      if (action === 'remove') remove(infoHash);
      else s.entry.hidden = action === 'hide';
      broadcast(true);
      await disk.list.save();
      return { ok: true };
    },
  });

  sockets.handle('share:seedbox', {
    instructorOnly: true,
    schema: ShareSeedboxMessage,
    handle: async ({ infoHash, on }) => {
      if (!opts.seedbox) throw new Refusal('the lab is running without its seeder');
      if (infoHash) {
        const s = torrents.get(infoHash);
        if (!s) throw new Refusal('no such torrent in the index');
        setSeedbox(s, on);
      } else {
        seedboxAll = on;
        for (const s of torrents.values()) setSeedbox(s, on);
      }
      broadcast(true);
      await disk.list.save();
      return { ok: true };
    },
  });

  shared.refresh = () => broadcast(true);
  shared.showAddresses = opts.showAddresses;

  shared.close = async () => {
    clearInterval(timer);
    await disk.list.flush();
    await seedboxSwitch.close(torrents.values());
  };

  return shared;
}
