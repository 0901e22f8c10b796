/**
 * `--share <folder>`: seed an instructor's own folder instead of the generated class pack
 * (`--also-share <folder>`: as well, listed in the class index).
 * The folder is hashed once (with progress, since a big folder takes a while); the tracker
 * URLs, known only once the lab listens, are written into the .torrent afterwards, outside
 * `info`, so the info hash does not depend on them.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import createTorrent from 'create-torrent';
import parseTorrent, { toTorrentFile } from 'parse-torrent';
import { classPackTorrent, type ClassPack } from './class-pack';

/** What the lab seeds: the folder webtorrent reads from, and its .torrent for an announce list. */
export interface TorrentSource {
  parent: string;
  torrent(announce: string[]): Promise<Buffer>;
}

export function classPackSource(pack: ClassPack): TorrentSource {
  return { parent: pack.parent, torrent: (announce) => classPackTorrent(pack, announce) };
}

export async function hashFolder(
  folder: string,
  onProgress?: (hashed: number, total: number) => void,
  flag = '--share',
): Promise<TorrentSource> {
  const dir = path.resolve(folder);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new Error(`${flag}: "${folder}" is not a folder`);

  const hashed = await new Promise<Buffer>((resolve, reject) =>
    createTorrent(
      dir,
      {
        name: path.basename(dir),
        createdBy: 'SwarmLab',
        comment: 'Shared by the instructor in a SwarmLab class.',
        private: false,
        announceList: [],
        onProgress,
      },
      (err, torrent) =>
        err
          ? reject(new Error(`${flag}: could not hash "${folder}": ${err.message}`))
          : resolve(Buffer.from(torrent)),
    ),
  );
  const parsed = await parseTorrent(hashed);
  return {
    parent: path.dirname(dir),
    torrent: async (announce) => toTorrentFile({ ...parsed, announce }) as Buffer,
  };
}
