/**
 * One part's state on disk, so a lab killed with kill -9 and started again on the same data dir
 * carries on where the class was (the round, the experiments, the privacy switch, the class
 * index). Written as slide-sync.ts does: write a temporary file, then rename it over the old one,
 * so the file on disk is always whole; writes are chained and coalesced, and each caller learns
 * whether the state it saw reached the disk (a full disk: the change still happens, and says so).
 */
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { describeIssues } from '../lib/protocol';

export interface StateFile<T> {
  /** What the file held at start; null if there was none or it was unreadable (see `problem`). */
  readonly initial: T | null;
  /** Why the file was ignored at start, if it was (the owner reports it as a warning). */
  readonly problem: string | null;
  /** Saves the newest value of `read()`; resolves true once it is on disk, false if it failed. */
  save(): Promise<boolean>;
  /** Waits for pending writes. */
  flush(): Promise<void>;
}

export function createStateFile<S extends z.ZodType>(opts: {
  dataDir: string;
  name: string;
  schema: S;
  /** The state to write, read when a write's turn comes (so a burst of changes writes once). */
  read: () => z.output<S>;
  onError: (err: Error) => void;
}): StateFile<z.output<S>> {
  const file = path.join(opts.dataDir, opts.name);
  let initial: z.output<S> | null = null;
  let problem: string | null = null;
  try {
    const parsed = opts.schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) initial = parsed.data;
    else problem = `${file}: ignored (${describeIssues(parsed.error)})`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      problem = `${file}: ignored (${(err as Error).message})`;
  }

  let writing: Promise<boolean> = Promise.resolve(true);
  let queued: Promise<boolean> | null = null;
  const save = (): Promise<boolean> => {
    if (queued) return queued;
    const next = writing.then(async () => {
      queued = null;
      try {
        const tmp = `${file}.${process.pid}.tmp`;
        await mkdir(opts.dataDir, { recursive: true });
        await writeFile(tmp, `${JSON.stringify(opts.read())}\n`);
        await rename(tmp, file);
        return true;
      } catch (err) {
        opts.onError(new Error(`could not save ${opts.name}: ${(err as Error).message}`));
        return false;
      }
    });
    queued = next;
    writing = next;
    return next;
  };
  return {
    initial,
    problem,
    save,
    flush: async () => {
      await writing;
    },
  };
}
