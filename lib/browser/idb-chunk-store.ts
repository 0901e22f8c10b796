/**
 * An abstract-chunk-store (https://github.com/mafintosh/abstract-chunk-store) kept in IndexedDB,
 * so the class pack's pieces survive a reload. The page is plain http on a LAN address, not a
 * secure context, so OPFS (webtorrent's browser default for files) is not there; IndexedDB is.
 *
 * One database per info hash. On reload webtorrent reads every piece back and checks its SHA-1
 * before trusting it, so a stale or damaged entry is simply fetched again.
 */
import { deleteDB, openDB, type IDBPDatabase } from 'idb';

export const PIECE_DB_PREFIX = 'swarmlab-pieces-';
const STORE = 'chunks';

type Callback<T = void> = (err: Error | null, value?: T) => void;

export interface IdbChunkStoreOptions {
  /** The torrent's length in bytes; without it, every chunk must be chunkLength long. */
  length?: number;
  /** Names the database; webtorrent passes the torrent itself. */
  torrent?: { infoHash: string };
  infoHash?: string;
}

function notFound(index: number): Error {
  return Object.assign(new Error(`Chunk ${index} not found`), { notFound: true });
}

function later<T>(cb: Callback<T>, err: Error | null, value?: T) {
  queueMicrotask(() => cb(err, value));
}

export class IdbChunkStore {
  readonly chunkLength: number;
  readonly length: number;
  readonly dbName: string;
  private readonly lastChunkIndex: number;
  private readonly lastChunkLength: number;
  private db: Promise<IDBPDatabase> | null;
  private closed = false;

  constructor(chunkLength: number, opts: IdbChunkStoreOptions = {}) {
    this.chunkLength = Number(chunkLength);
    if (!(this.chunkLength > 0)) throw new Error('First argument must be a chunk length');
    const infoHash = opts.infoHash ?? opts.torrent?.infoHash;
    if (!infoHash)
      throw new Error('IdbChunkStore needs the torrent’s info hash to name its database');
    this.dbName = PIECE_DB_PREFIX + infoHash;
    this.length = Number(opts.length) || Infinity;
    this.lastChunkIndex =
      this.length === Infinity ? -1 : Math.ceil(this.length / this.chunkLength) - 1;
    this.lastChunkLength =
      this.length === Infinity
        ? this.chunkLength
        : this.length % this.chunkLength || this.chunkLength;
    this.db = openDB(this.dbName, 1, {
      upgrade: (db) => db.createObjectStore(STORE),
    });
    // A failed open is reported by the first put or get, not as an unhandled rejection.
    this.db.catch(() => {});
  }

  put(index: number, buf: Uint8Array, cb: Callback = () => {}): void {
    if (this.closed) return later(cb, new Error('Storage is closed'));
    const want = index === this.lastChunkIndex ? this.lastChunkLength : this.chunkLength;
    if (buf.length !== want)
      return later(cb, new Error(`Chunk ${index} must be ${want} bytes, got ${buf.length}`));
    // A copy: a view would make IndexedDB clone the whole buffer behind it.
    const copy = new Uint8Array(buf);
    this.db!.then((db) => db.put(STORE, copy, index)).then(
      () => cb(null),
      (err: Error) => cb(err),
    );
  }

  get(
    index: number,
    opts: { offset?: number; length?: number } | null | Callback<Uint8Array>,
    cb: Callback<Uint8Array> = () => {},
  ): void {
    if (typeof opts === 'function') return this.get(index, null, opts);
    if (this.closed) return later(cb, new Error('Storage is closed'));
    this.db!.then((db) => db.get(STORE, index) as Promise<Uint8Array | undefined>).then(
      (buf) => {
        if (!buf) return cb(notFound(index));
        const offset = opts?.offset ?? 0;
        const length = opts?.length ?? buf.length - offset;
        cb(
          null,
          offset === 0 && length === buf.length ? buf : buf.subarray(offset, offset + length),
        );
      },
      (err: Error) => cb(err),
    );
  }

  close(cb: Callback = () => {}): void {
    if (this.closed) return later(cb, new Error('Storage is closed'));
    this.closed = true;
    const db = this.db!;
    this.db = null;
    db.then((d) => d.close()).then(
      () => cb(null),
      () => cb(null),
    );
  }

  /** Closes the store and deletes its database: the pieces are gone. */
  destroy(cb: Callback = () => {}): void {
    this.close((err) => {
      if (err) return cb(err);
      deleteDB(this.dbName).then(
        () => cb(null),
        (e: Error) => cb(e),
      );
    });
  }
}

/**
 * Deletes the piece databases of other info hashes (an earlier class pack, a past round), so a
 * browser keeps at most one pack. Returns the names deleted.
 */
export async function deleteOtherPieceStores(keepInfoHash: string): Promise<string[]> {
  if (typeof indexedDB.databases !== 'function') return [];
  const keep = PIECE_DB_PREFIX + keepInfoHash;
  const stale = (await indexedDB.databases())
    .map((d) => d.name)
    .filter((n): n is string => !!n && n.startsWith(PIECE_DB_PREFIX) && n !== keep);
  await Promise.all(stale.map((name) => deleteDB(name)));
  return stale;
}
