/**
 * The lab's seeder: a hybrid WebTorrent peer. TCP and uTP for desktop clients, WebRTC (through
 * the lab's own tracker) for browsers. DHT, LSD, UPnP and NAT-PMP are off: the class swarm is
 * found through the lab's tracker alone, and nothing is announced beyond the LAN.
 */
import { EventEmitter } from 'node:events';
import WebTorrent, { type Torrent, type Wire } from 'webtorrent';
import createDebug from 'debug';
import type { WireAddress } from './desktop-identity';
import type { EncryptionMode } from '../lib/wire-encryption';
import { watchIncoming, watchOutgoing, type RawConnection } from './seeder-sockets';
import { createBans, type Bans } from './seeder-bans';
import { createWireScreen } from './seeder-encryption';
export type { WireHandshake } from './seeder-encryption';
import { createSuperSeeding, type SuperSeeding } from './super-seed';
import { labWrtc, setWebrtcFastStart } from './wrtc';
import type { IceServer } from '../lib/lab-info';

const debug = createDebug('lab:seeder');

export interface SeederOptions {
  /** TCP and uTP port for desktop clients; 0 picks a free one. */
  torrentPort: number;
  /** Signal end-of-candidates at once (default); false leaves the stock 5 s wait in place. */
  webrtcFastStart?: boolean;
  /**
   * Reveal pieces a few at a time so each leaves the seeder about once (see super-seed.ts), on
   * the torrents added with `seed`; `setSuperSeeding` switches it live.
   */
  superSeed?: boolean;
  /** The room's STUN/TURN (lab-server/ice.ts) for the seeder's WebRTC. */
  iceServers?: IceServer[];
}

/** What the seeder sees on one of its wires. */
export interface WireView extends WireAddress {
  /** Unique per wire for the seeder's life: a wire's bytes are counted once, open or closed. */
  wireId: number;
  transport: 'webrtc' | 'tcp' | 'utp' | 'other';
  /** Bytes the seeder sent to this peer. */
  uploaded: number;
  /** Bytes the seeder received from this peer. */
  downloaded: number;
  uploadRate: number;
  /** Pieces the peer has announced (bitfield and have messages), when known. */
  peerHas: (index: number) => boolean;
}

export interface SeededTorrent {
  infoHash: string;
  name: string;
  pieceCount: number;
  pieceLength: number;
  length: number;
  /** Bytes the seeder has sent on this torrent since it started seeding it, closed wires included. */
  uploaded(): number;
  wires(): WireView[];
  /** Called with a wire's last view when it closes: a fast desktop client may come and go between two `wires()` polls. */
  onWireClosed(listener: (view: WireView) => void): void;
}

/**
 * Events besides 'warning'/'error': 'connection' (RawConnection: a TCP/uTP socket, before any
 * byte), 'wire:opened' and 'wire:refused' (WireHandshake).
 */
export interface Seeder extends EventEmitter {
  readonly peerId: string;
  /**
   * Adds a torrent whose data is already under `path`, and resolves once every piece is verified.
   * `trusted` skips hashing the data again (a new round or a restart of files already verified).
   */
  seed(torrentFile: Buffer, path: string, opts?: { trusted?: boolean }): Promise<SeededTorrent>;
  /** Leaves a torrent's swarm (wires closed, a `stopped` announce) and keeps its files on disk. */
  unseed(infoHash: string): Promise<void>;
  /**
   * Closes the seeder's wires to a peer on one torrent, and refuses that peer id there from now
   * on (until the torrent is seeded again), and a desktop client's listen address too
   * (seeder-bans.ts). Returns how many wires it closed.
   */
  closeWires(infoHash: string, peerId: string): number;
  /**
   * The class seedbox: adds an attendee's torrent (its .torrent lists the lab's trackers),
   * downloads it from the sharer's browser over WebRTC into `path`, and keeps seeding it to
   * browsers and, over TCP/uTP, to desktop clients. Resolves once the copy is complete.
   */
  fetchAndSeed(torrentFile: Buffer, path: string): Promise<void>;
  /**
   * Stops seeding a torrent and deletes its copy — unless `keepFiles` (an instructor's own
   * folder, added with `seed`, whose files are not the lab's to delete).
   */
  drop(infoHash: string, opts?: { keepFiles?: boolean }): Promise<void>;
  torrentPort(): number;
  uploadRate(): number;
  /** Caps the seeder's total upload, in bytes per second (experiments, the benchmark); -1 lifts it. */
  throttleUpload(bytesPerSecond: number): void;
  /**
   * Protocol encryption on TCP and uTP (lib/wire-encryption.ts): new wires follow the mode, and
   * open wires the mode would refuse are closed (their clients reconnect under the new rule).
   */
  setEncryption(mode: EncryptionMode): void;
  encryption(): EncryptionMode;
  /**
   * Super-seeding on or off, live. Off tells every connected peer of every piece at once
   * (super-seed.ts `revealAll`); on applies to wires that connect from then on.
   */
  setSuperSeeding(on: boolean): void;
  superSeeding(): boolean;
  close(): Promise<void>;
}

const wireIds = new WeakMap<Wire, number>();
let nextWireId = 1;
const wireIdOf = (w: Wire) => {
  let id = wireIds.get(w);
  if (id === undefined) wireIds.set(w, (id = nextWireId++));
  return id;
};

function viewOf(w: Wire): WireView {
  const p = w.peerExtendedHandshake?.p;
  return {
    wireId: wireIdOf(w),
    peerId: w.peerId!,
    transport: transportOf(w.type),
    host: w.remoteAddress ?? null,
    remotePort: w.remotePort ?? null,
    // webtorrent names a wire's type after its peer: tcpOutgoing, utpIncoming, …
    outgoing: /outgoing/i.test(w.type),
    listenPort: typeof p === 'number' ? p : null,
    uploaded: w.uploaded,
    downloaded: w.downloaded,
    uploadRate: w.uploadSpeed(),
    peerHas: (i: number) => w.peerPieces.get(i),
  };
}

function transportOf(type: string): WireView['transport'] {
  if (type === 'webrtc') return 'webrtc';
  if (type.startsWith('tcp')) return 'tcp';
  if (type.startsWith('utp')) return 'utp';
  return 'other';
}

export function createSeeder(opts: SeederOptions): Seeder {
  setWebrtcFastStart(opts.webrtcFastStart !== false);
  const client = new WebTorrent({
    dht: false,
    lsd: false,
    natUpnp: false,
    natPmp: false,
    utPex: true,
    utp: true,
    webSeeds: false,
    torrentPort: opts.torrentPort,
    // iceServers: [] — on one LAN no STUN server is needed, and there is no internet to reach one.
    tracker: { wrtc: labWrtc, rtcConfig: { iceServers: opts.iceServers ?? [] } },
  });
  const seeder = new EventEmitter() as Seeder;
  Object.defineProperty(seeder, 'peerId', { value: client.peerId as string });
  client.on('error', (err: Error) => seeder.emit('error', err));
  const onConnection = (conn: RawConnection) => seeder.emit('connection', conn);
  watchIncoming(client, onConnection);
  const wireScreen = createWireScreen(client, (event, wire) => seeder.emit(event, wire));
  const screen = wireScreen.screen;

  /** Per torrent: the peers the instructor removed (see closeWires). */
  const banned = new Map<string, Bans>();
  let superSeedOn = opts.superSeed === true;
  /** The games of the seeded torrents (one per kind of wire), so `revealAll` reaches every wire. */
  const games = new Set<SuperSeeding>();

  seeder.seed = (torrentFile, path, seedOpts = {}) =>
    new Promise((resolve, reject) => {
      const torrent: Torrent = client.add(torrentFile, { path, skipVerify: !!seedOpts.trusted });
      watchOutgoing(torrent, onConnection);
      const kicked = createBans();
      // The info hash is known only once webtorrent has parsed the torrent (asynchronously).
      torrent.once('infoHash', () => banned.set(torrent.infoHash, kicked));
      torrent.on('warning', (err: Error) => {
        debug('warning: %s', err.message);
        seeder.emit('warning', err);
      });
      torrent.once('error', reject);
      const closedListeners: ((view: WireView) => void)[] = [];
      // One game per kind of wire: browsers (WebRTC) and desktop clients (TCP, uTP) cannot
      // connect to each other, so a piece only browsers hold is still missing for the desktop
      // clients, and the seeder must count copies within each group.
      const perFamily = new Map<'webrtc' | 'wire', SuperSeeding>();
      torrent.once('close', () => {
        for (const game of perFamily.values()) games.delete(game);
      });
      torrent.on('wire', (wire: Wire) => {
        // 'wire' comes after the handshake, so the peer id is known: a removed peer stays out,
        // and so does a removed desktop client back with a new peer id, once its extended
        // handshake gives its listen port (a wire the seeder dialled has it already).
        if (wire.peerId && kicked.refuses(viewOf(wire))) return wire.destroy();
        wire.on('extended', (ext: string) => {
          if (ext === 'handshake' && kicked.refuses(viewOf(wire))) wire.destroy();
        });
        // …and before the seeder answers a client's handshake with its own: a refused client
        // gets nothing from the seeder but the close.
        if (screen(wire, torrent.infoHash)) return;
        if (superSeedOn) {
          // …and before webtorrent sends its bitfield: the wire is wrapped in time.
          const family = wire.type === 'webrtc' ? 'webrtc' : 'wire';
          let game = perFamily.get(family);
          if (!game) {
            game = createSuperSeeding({
              pieceCount: torrent.pieces.length,
              pieceLength: torrent.pieceLength,
              length: torrent.length,
            });
            perFamily.set(family, game);
          }
          games.add(game);
          game.attach(wire);
        }
        wire.once('close', () => {
          if (wire.peerId && !kicked.refuses(viewOf(wire)))
            for (const listener of closedListeners) listener(viewOf(wire));
        });
      });
      const finish = () => {
        torrent.off('error', reject);
        debug('seeding %s (%s)', torrent.name, torrent.infoHash);
        resolve({
          infoHash: torrent.infoHash,
          name: torrent.name,
          pieceCount: torrent.pieces.length,
          pieceLength: torrent.pieceLength,
          length: torrent.length,
          // webtorrent adds every wire's upload to the torrent's count: it survives closed wires.
          uploaded: () => torrent.uploaded,
          wires: () => torrent.wires.filter((w) => w.peerId).map(viewOf),
          onWireClosed: (listener) => void closedListeners.push(listener),
        });
      };
      // `done` follows `ready` once the data on disk has been verified in full.
      torrent.once('done', finish);
      torrent.once('ready', () => {
        if (torrent.progress < 1) {
          torrent.off('done', finish);
          reject(
            new Error(
              `the class pack on disk is incomplete (${Math.round(torrent.progress * 100)}% verified)`,
            ),
          );
        }
      });
    });

  seeder.fetchAndSeed = (torrentFile, path) =>
    new Promise((resolve, reject) => {
      const torrent: Torrent = client.add(torrentFile, { path });
      watchOutgoing(torrent, onConnection);
      torrent.on('wire', (wire: Wire) => void screen(wire, torrent.infoHash));
      torrent.on('warning', (err: Error) => debug('seedbox warning: %s', err.message));
      torrent.once('error', reject);
      torrent.once('done', () => {
        torrent.off('error', reject);
        debug('seedbox seeding %s (%s)', torrent.name, torrent.infoHash);
        resolve();
      });
    });

  seeder.drop = async (infoHash, { keepFiles = false } = {}) => {
    if (await client.get(infoHash))
      await new Promise<void>((r) =>
        client.remove(infoHash, { destroyStore: !keepFiles }, () => r()),
      );
  };

  seeder.unseed = async (infoHash) => {
    banned.delete(infoHash);
    if (await client.get(infoHash))
      await new Promise<void>((r) => client.remove(infoHash, { destroyStore: false }, () => r()));
  };

  seeder.closeWires = (infoHash, peerId) => {
    const torrent = client.torrents.find((t: Torrent) => t.infoHash === infoHash) as
      Torrent | undefined;
    const wires = torrent?.wires.filter((w) => w.peerId === peerId) ?? [];
    banned.get(infoHash)?.ban(peerId, wires.map(viewOf));
    for (const w of wires) w.destroy();
    return wires.length;
  };

  seeder.setEncryption = (mode) => wireScreen.setMode(mode);
  seeder.encryption = () => wireScreen.mode();

  seeder.torrentPort = () => (client.torrentPort as number) || client.address()?.port || 0;
  seeder.uploadRate = () => client.uploadSpeed as number;
  seeder.throttleUpload = (bytesPerSecond) => client.throttleUpload(bytesPerSecond);
  seeder.superSeeding = () => superSeedOn;
  seeder.setSuperSeeding = (on) => {
    if (on === superSeedOn) return;
    superSeedOn = on;
    debug('super-seeding %s', on ? 'on for new wires' : 'off: every piece revealed');
    if (!on) for (const game of games) game.revealAll();
  };

  seeder.close = () =>
    new Promise((resolve) => {
      client.destroy(() => resolve());
    });

  return seeder;
}
