/**
 * The class index on disk, so a restarted lab still lists what attendees shared (and the
 * class-mode tracker still accepts those torrents). The list is a small JSON state file
 * (state-file.ts); each .torrent is its own file under `<dataDir>/class-index/`, written once
 * when it is shared, so a change of a hidden flag does not rewrite megabytes of torrents.
 */
import { readFile, rename, rm, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { INFO_HASH } from '../lib/protocol';
import { createStateFile, type StateFile } from './state-file';

export const CLASS_INDEX_FILE = 'class-index.json';
const TORRENTS_DIR = 'class-index';

export const SavedIndex = z.object({
  seedboxAll: z.boolean(),
  entries: z
    .array(
      z.object({
        infoHash: INFO_HASH,
        name: z.string().max(200),
        length: z.number().int().positive(),
        pieceCount: z.number().int().positive(),
        pieceLength: z.number().int().positive(),
        nickname: z.string().max(200),
        sharedAt: z.number(),
        hidden: z.boolean(),
        /** The instructor had the seedbox on for it. */
        seedbox: z.boolean(),
        owner: z.string().max(100),
      }),
    )
    .max(1000),
});
export type SavedIndex = z.infer<typeof SavedIndex>;

export interface ClassIndexStore {
  list: StateFile<SavedIndex>;
  saveTorrent(infoHash: string, file: Buffer): Promise<void>;
  readTorrent(infoHash: string): Promise<Buffer>;
  dropTorrent(infoHash: string): Promise<void>;
}

export function createClassIndexStore(opts: {
  dataDir: string;
  read: () => SavedIndex;
  onError: (err: Error) => void;
}): ClassIndexStore {
  const dir = path.join(opts.dataDir, TORRENTS_DIR);
  // The info hash is 40 hex characters (checked by the schema): safe as a file name.
  const fileOf = (infoHash: string) => path.join(dir, `${INFO_HASH.parse(infoHash)}.torrent`);
  return {
    list: createStateFile({
      dataDir: opts.dataDir,
      name: CLASS_INDEX_FILE,
      schema: SavedIndex,
      read: opts.read,
      onError: opts.onError,
    }),
    async saveTorrent(infoHash, file) {
      await mkdir(dir, { recursive: true });
      const tmp = `${fileOf(infoHash)}.${process.pid}.tmp`;
      await writeFile(tmp, file);
      await rename(tmp, fileOf(infoHash));
    },
    readTorrent: (infoHash) => readFile(fileOf(infoHash)),
    dropTorrent: (infoHash) => rm(fileOf(infoHash), { force: true }),
  };
}
