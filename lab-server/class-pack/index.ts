/**
 * The built-in class pack: legal content SwarmLab generates itself, deterministic so the same
 * size gives the same info hash at every start.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import createTorrent from 'create-torrent';
import { HANDOUT, LICENSE } from './handout';
import { lessonHandoutHtml } from './lesson-handout';
import { swarmPoster } from './poster';
import { PACK_FILM } from '../../lib/browser/stream-video';
import { synthesizeWav } from './wav';

/**
 * The film is rendered once by `npm run render:video` (Chromium + ffmpeg, dev-time only) and
 * committed; the pack only copies its bytes, so the info hash stays the same at every start.
 */
export const FILM_FILE = PACK_FILM.name;
const FILM_ASSET = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets', FILM_FILE);

/** Bump when the generator's output changes, so old packs on disk are rebuilt. */
const GENERATOR_VERSION = 5;
export const CLASS_PACK_NAME = 'swarmlab-class-pack';
/**
 * 64 KiB pieces: 438 squares on the piece map for the default pack (27 MiB), and small enough
 * that the last pieces spread fast. A piece reaches its first holder, which then uploads it to
 * every classmate; at the end of a round that tail is what the class waits for, and it grows
 * with the piece. bench/classroom.ts, 8 attendees, 4 Mbit/s each and the lab: T/T_min 1.33–1.37
 * with 128 KiB pieces, 1.28–1.34 with 64 KiB, 1.28 with 32 KiB (more `have`s, longer tail).
 */
export const CLASS_PACK_PIECE_LENGTH = 64 * 1024;
/** Fixed, so even the .torrent's bytes outside `info` are stable. */
const CREATION_DATE = new Date('2026-01-01T00:00:00Z');

export interface ClassPack {
  /** The folder the torrent's files live in (dataDir/CLASS_PACK_NAME). */
  dir: string;
  /** The folder to hand webtorrent as `path`. */
  parent: string;
  /** Absolute paths, in the torrent's order. */
  files: string[];
}

/** The checksum list's name, as Linux distributions publish theirs. */
export const SUMS_FILE = 'SHA256SUMS';

/**
 * `sha256sum` / `shasum -a 256` format ("<hex>  <name>", sorted by name), so attendees can check
 * the downloaded folder with the same command they would use on a Linux image
 * (content/find-download-create.mdx).
 */
export function sha256Sums(files: Record<string, Buffer>): string {
  return Object.keys(files)
    .sort()
    .map((name) => `${createHash('sha256').update(files[name]!).digest('hex')}  ${name}\n`)
    .join('');
}

function contents(packMiB: number, handout: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {
    'LICENSE.txt': Buffer.from(LICENSE),
    'README.txt': Buffer.from(HANDOUT),
    'handout.html': Buffer.from(handout),
    [FILM_FILE]: readFileSync(FILM_ASSET),
    'swarm-poster.svg': Buffer.from(swarmPoster(2026)),
    'swarm-song.wav': synthesizeWav(packMiB * 1024 * 1024),
  };
  return { ...files, [SUMS_FILE]: Buffer.from(sha256Sums(files)) };
}

/** Writes the pack under dataDir unless an identical one is already there. */
export function ensureClassPack(dataDir: string, packMiB: number): ClassPack {
  const dir = path.join(dataDir, CLASS_PACK_NAME);
  const manifestPath = path.join(dataDir, `${CLASS_PACK_NAME}.manifest.json`);
  // The handout follows the lessons: an edited lesson means a new pack (and info hash).
  const handout = lessonHandoutHtml();
  const handoutSha = createHash('sha256').update(handout).digest('hex');
  // The film's digest too: a re-rendered film must not leave an old copy in a pack on disk.
  const film = createHash('sha256').update(readFileSync(FILM_ASSET)).digest('hex');
  const wanted = { version: GENERATOR_VERSION, packMiB, handoutSha, film };
  let manifest: {
    version: number;
    packMiB: number;
    handoutSha?: string;
    film?: string;
    sizes: Record<string, number>;
  } | null = null;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    manifest = null;
  }
  const intact =
    manifest?.version === wanted.version &&
    manifest.packMiB === wanted.packMiB &&
    manifest.handoutSha === wanted.handoutSha &&
    manifest.film === wanted.film &&
    Object.entries(manifest.sizes).every(([name, size]) => {
      const file = path.join(dir, name);
      return existsSync(file) && statSync(file).size === size;
    });
  const names =
    intact && manifest
      ? Object.keys(manifest.sizes)
      : writePack(dir, contents(packMiB, handout), manifestPath, wanted);
  return {
    dir,
    parent: dataDir,
    // The film first, at piece 0: a page plays it while it downloads, and under sequential
    // picking (an experiment) the piece map then fills from 0 with the film's own pieces first.
    files: [
      ...names.filter((n) => n === FILM_FILE),
      ...names.filter((n) => n !== FILM_FILE).sort(),
    ].map((n) => path.join(dir, n)),
  };
}

function writePack(
  dir: string,
  files: Record<string, Buffer>,
  manifestPath: string,
  wanted: object,
): string[] {
  mkdirSync(dir, { recursive: true });
  const sizes: Record<string, number> = {};
  for (const [name, data] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), data);
    sizes[name] = data.length;
  }
  writeFileSync(manifestPath, JSON.stringify({ ...wanted, sizes }, null, 2));
  return Object.keys(files);
}

/** The .torrent for the pack, with the lab's tracker URLs (outside `info`: the info hash does not depend on them). */
export function classPackTorrent(pack: ClassPack, announce: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    createTorrent(
      pack.files,
      {
        name: CLASS_PACK_NAME,
        pieceLength: CLASS_PACK_PIECE_LENGTH,
        announceList: announce.map((url) => [url]),
        createdBy: 'SwarmLab',
        creationDate: CREATION_DATE,
        comment: 'The SwarmLab class pack: generated, legal, CC0.',
        private: false,
      },
      (err, torrent) => (err ? reject(err) : resolve(Buffer.from(torrent))),
    );
  });
}
