/**
 * The parts of webtorrent 3 this project uses, in one place (webtorrent ships no types, and
 * @types/webtorrent describes the 0.x API). Both entry points share it: the package in Node
 * (the seeder, bots, tests) and the dist bundle in the browser (lib/browser).
 *
 * Event listeners stay as loose as EventEmitter's own: webtorrent emits many events with
 * different payloads, and the handlers name the payload type they expect.
 */
declare module 'webtorrent' {
  import type { EventEmitter } from 'node:events';

  export interface Wire extends EventEmitter {
    peerId: string | null;
    /** 'webrtc', 'tcpIncoming', 'tcpOutgoing', 'utpIncoming', 'utpOutgoing', 'webSeed'. */
    type: string;
    remoteAddress?: string;
    remotePort?: number;
    uploaded: number;
    downloaded: number;
    uploadSpeed(): number;
    downloadSpeed(): number;
    peerPieces: { get(index: number): boolean };
    /** The peer's extended handshake (BEP 10); `p` is its listen port, if it sent one. */
    peerExtendedHandshake?: { p?: unknown };
    /** bittorrent-protocol's messages, for the seeder's super-seeding (lab-server/super-seed). */
    hasFast?: boolean;
    bitfield(bitfield: Uint8Array | { buffer: Uint8Array }): void;
    have(index: number): void;
    haveAll?(): void;
    haveNone?(): void;
    destroy(): void;
  }

  export interface TorrentFile extends EventEmitter {
    name: string;
    path: string;
    length: number;
    /** Where the file starts in the torrent, in bytes. */
    offset: number;
    progress: number;
    downloaded: number;
    blob(opts?: { start?: number; end?: number }): Promise<Blob>;
    createReadStream(opts?: { start?: number; end?: number }): NodeJS.ReadableStream;
    [Symbol.asyncIterator](opts?: {
      start?: number;
      end?: number;
    }): AsyncIterator<Uint8Array<ArrayBuffer>>;
    select(priority?: number): void;
    deselect(): void;
  }

  export type PieceStrategy = 'rarest' | 'sequential';

  export interface Torrent extends EventEmitter {
    infoHash: string;
    magnetURI: string;
    name: string;
    path: string;
    length: number;
    pieceLength: number;
    pieces: unknown[];
    torrentFile: Uint8Array;
    progress: number;
    downloaded: number;
    uploaded: number;
    downloadSpeed: number;
    uploadSpeed: number;
    numPeers: number;
    ready: boolean;
    done: boolean;
    strategy: PieceStrategy;
    files: TorrentFile[];
    wires: Wire[];
    bitfield: { get(index: number): boolean };
    /** Set once the torrent has its metadata (always, for a torrent added from a file). */
    discovery: { tracker: { start(): void; update(): void } | null };
    /**
     * webtorrent's own stream selections (what its file iterator uses): a range fetched before
     * lower priorities, never merged into other selections. Private API, used on purpose.
     */
    _select(from: number, to: number, priority: number, notify: null, isStream: true): void;
    _deselect(from: number, to: number, isStream: true): void;
    destroy(opts?: { destroyStore?: boolean }, cb?: (err?: Error) => void): void;
  }

  export interface TorrentOptions {
    announce?: string[];
    path?: string;
    name?: string;
    strategy?: PieceStrategy;
    skipVerify?: boolean;
    /** A chunk store constructor (abstract-chunk-store), e.g. the browser's IndexedDB store. */
    store?: unknown;
    onProgress?: (hashed: number, total: number) => void;
  }

  export interface ClientOptions {
    dht?: boolean;
    lsd?: boolean;
    utPex?: boolean;
    natUpnp?: boolean;
    natPmp?: boolean;
    utp?: boolean;
    webSeeds?: boolean;
    torrentPort?: number;
    uploadLimit?: number;
    downloadLimit?: number;
    maxConns?: number;
    /** Protocol encryption (MSE/PE): 0 off, 1 with plaintext fallback, 2 RC4 only (default 1). */
    secure?: number;
    tracker?: { wrtc?: unknown; rtcConfig?: RTCConfiguration; [option: string]: unknown };
  }

  export type TorrentId = string | Uint8Array | { infoHash: string };

  export default class WebTorrent extends EventEmitter {
    constructor(opts?: ClientOptions);
    readonly peerId: string;
    readonly torrents: Torrent[];
    readonly torrentPort: number;
    readonly uploadSpeed: number;
    readonly downloadSpeed: number;
    readonly destroyed: boolean;
    /** Read whenever webtorrent makes a new TCP/uTP peer: setting it changes the next wires. */
    secure: number;
    add(id: TorrentId, opts?: TorrentOptions, cb?: (torrent: Torrent) => void): Torrent;
    add(id: TorrentId, cb?: (torrent: Torrent) => void): Torrent;
    seed(
      input: string | string[] | File | File[] | Uint8Array,
      opts?: TorrentOptions,
      cb?: (torrent: Torrent) => void,
    ): Torrent;
    get(id: TorrentId): Promise<Torrent | null>;
    remove(id: TorrentId, opts?: { destroyStore?: boolean }, cb?: (err?: Error) => void): void;
    throttleUpload(rate: number): void;
    throttleDownload(rate: number): void;
    address(): { address: string; family: string; port: number } | null;
    destroy(cb?: (err?: Error) => void): void;
  }
}

declare module 'webtorrent/dist/webtorrent.min.js' {
  export * from 'webtorrent';
  export { default } from 'webtorrent';
}
