/**
 * The class index's seedbox switch (lab-server/shared-torrents.ts): for an attendee's torrent,
 * the lab's seeder fetches the files from the sharer over WebRTC into the lab's data folder and
 * keeps seeding them, so the class still gets them after the sharer leaves and desktop clients
 * get them over TCP/uTP. Switched off, the copy is dropped. The lab's own torrents (an
 * instructor's folder, `--also-share`) are always seeded and never switched.
 */
import path from 'node:path';
import createDebug from 'debug';
import type { SeedboxState } from '../lib/protocol';

const debug = createDebug('lab:shared');

/** What the switch reads and writes of one index entry. */
export interface SeedboxTarget {
  entry: { infoHash: string; name: string; seedbox: SeedboxState };
  /** The .torrent the seeder fetches with (the lab's trackers). */
  desktopFile: Buffer;
  labOwned?: boolean;
}

export interface Seedbox {
  fetchAndSeed(torrentFile: Buffer, path: string): Promise<void>;
  drop(infoHash: string, opts?: { keepFiles?: boolean }): Promise<void>;
}

export function createSeedboxSwitch(opts: {
  /** The seeder, when the lab seeds. */
  seedbox?: Seedbox;
  /** Where the copies go: `<dataDir>/seedbox/<info hash>`. */
  dataDir: string;
  /** An entry's state changed on its own (a fetch finished or failed). */
  onChange: () => void;
  onWarning: (err: Error) => void;
}) {
  const box = opts.seedbox;
  return {
    /** Turns the seedbox on or off for one entry (a no-op when already so). */
    set(s: SeedboxTarget, on: boolean) {
      if (!box || s.labOwned) return;
      if (!on) {
        if (s.entry.seedbox === 'off') return;
        s.entry.seedbox = 'off';
        void box.drop(s.entry.infoHash).catch(opts.onWarning);
        return;
      }
      if (s.entry.seedbox === 'fetching' || s.entry.seedbox === 'seeding') return;
      s.entry.seedbox = 'fetching';
      const dir = path.join(opts.dataDir, 'seedbox', s.entry.infoHash);
      box.fetchAndSeed(s.desktopFile, dir).then(
        () => {
          if (s.entry.seedbox === 'fetching') s.entry.seedbox = 'seeding';
          debug('seedbox has %s', s.entry.name);
          opts.onChange();
        },
        (err: Error) => {
          s.entry.seedbox = 'error';
          opts.onWarning(err);
          opts.onChange();
        },
      );
    },
    /** A lab-owned entry leaves the index: stop seeding it, keep the instructor's files. */
    release(infoHash: string) {
      void box?.drop(infoHash, { keepFiles: true }).catch(opts.onWarning);
    },
    /** The lab stops: drop every attendee copy the seedbox holds. */
    async close(targets: Iterable<SeedboxTarget>) {
      await Promise.all(
        [...targets]
          .filter((s) => s.entry.seedbox !== 'off' && !s.labOwned)
          .map((s) => box?.drop(s.entry.infoHash).catch(() => {})),
      );
    },
  };
}
