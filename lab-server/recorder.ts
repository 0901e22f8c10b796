/**
 * Records the class's swarm to disk for replay and export: <dataDir>/recordings/<start>.ndjson,
 * a snapshot on the first line, then at most one line per `intervalMs` with what changed
 * (lib/recording.ts). Each line goes to the file in one write, so a crash can only cut the last
 * line short, which replay skips. It samples the model on its own clock rather than taking the
 * hub's deltas, so the hub's 10 Hz projector feed is untouched and the disk sees at most 1 Hz.
 *
 * A failed write (a full disk, an I/O error) pauses the recording rather than ending it: one
 * warning, the model keeps running, and every `retryMs` it tries again. It resumes with a fresh
 * snapshot line (after a newline that ends any half-written line), so replay picks up the swarm
 * as it is then instead of applying deltas to a state it never saw.
 */
import { EventEmitter } from 'node:events';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import createDebug from 'debug';
import {
  RECORDING_FORMAT,
  diffSnapshots,
  encodeLine,
  recordingIdOf,
  startOfRecordingId,
  type RecordingSummary,
} from '../lib/recording';
import type { SwarmModel, SwarmSnapshot } from '../lib/swarm-model';
// Recordings outlive the class and go to spreadsheets: attendees' addresses stay out of them.
import { redactSnapshot } from '../lib/swarm-privacy';

const debug = createDebug('lab:recorder');

export interface RecorderOptions {
  model: SwarmModel;
  dataDir: string;
  /** Sampling period; also the most often a line is written. */
  intervalMs?: number;
  /** Stop writing (with a warning) past this size; the recording so far stays readable. */
  maxBytes?: number;
  /** After a failed write, how long to wait before trying again. */
  retryMs?: number;
  now?: () => number;
}

/** What the routes need: the recordings on disk. */
export interface RecordingStore {
  list(): Promise<RecordingSummary[]>;
  /** A recording's text, or null if there is no such recording. */
  read(id: string): Promise<string | null>;
}

export interface Recorder extends EventEmitter, RecordingStore {
  /** This run's recording. */
  readonly id: string;
  readonly file: string;
  /** Takes a sample now (tests, shutdown); the timer calls it every `intervalMs`. */
  sample(): void;
  close(): void;
}

export function recordingsDir(dataDir: string): string {
  return path.join(dataDir, 'recordings');
}

export function createRecorder(opts: RecorderOptions): Recorder {
  const now = opts.now ?? Date.now;
  const maxBytes = opts.maxBytes ?? 512 * 1024 * 1024;
  const dir = recordingsDir(opts.dataDir);
  mkdirSync(dir, { recursive: true });
  const startedAt = now();
  const id = recordingIdOf(startedAt);
  const file = path.join(dir, `${id}.ndjson`);
  const recorder = new EventEmitter() as Recorder & { id: string; file: string };
  Object.assign(recorder, { id, file });

  const retryMs = opts.retryMs ?? 5000;
  let fd: number | null = null;
  /** Past maxBytes, or closed: nothing more is written, ever. */
  let stopped = false;
  /** When the last write failed; null while writes succeed. */
  let failedAt: number | null = null;
  let written = 0;
  let seq = 0;
  let last: SwarmSnapshot = redactSnapshot(opts.model.snapshot());

  const closeFile = () => {
    if (fd === null) return;
    try {
      closeSync(fd);
    } catch {
      // Closing a file on a failing disk can fail too; the descriptor is gone either way.
    }
    fd = null;
  };

  /** Writes the whole text or throws; one write(2) may be short when the disk fills up. */
  const writeAll = (bytes: Buffer) => {
    fd ??= openSync(file, 'a');
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off);
    written += bytes.length;
  };

  /** True if the line is on disk. */
  const write = (text: string): boolean => {
    if (stopped) return false;
    const bytes = Buffer.from(text);
    if (written + bytes.length > maxBytes) {
      recorder.emit(
        'warning',
        new Error(
          `recording ${id} reached ${maxBytes} bytes; recording stopped, replay still works`,
        ),
      );
      stopped = true;
      closeFile();
      return false;
    }
    try {
      writeAll(bytes);
      return true;
    } catch (err) {
      // A full disk must not take the class down, nor end the recording for good: say so once
      // and let sample() try again.
      if (failedAt === null)
        recorder.emit(
          'warning',
          new Error(
            `recording ${id} paused: ${(err as Error).message}; retrying every ${retryMs / 1000} s`,
          ),
        );
      failedAt = now();
      closeFile();
      return false;
    }
  };

  const writeSnapshot = (lead: string) => {
    const snap = redactSnapshot(opts.model.snapshot());
    const at = lead ? Math.max(now(), last.at) : startedAt;
    if (!write(lead + encodeLine({ type: 'start', format: RECORDING_FORMAT, at, snapshot: snap })))
      return;
    last = snap;
    if (lead) debug('recording %s resumed', id);
    failedAt = null;
  };

  writeSnapshot('');
  debug('recording to %s', file);

  recorder.sample = () => {
    if (stopped) return;
    if (failedAt !== null) {
      if (now() - failedAt < retryMs) return;
      // The newline ends whatever half line the failed write left, which replay then skips.
      writeSnapshot('\n');
      return;
    }
    const next = redactSnapshot(opts.model.snapshot());
    const delta = diffSnapshots(last, next, seq + 1);
    if (!delta) return;
    seq = delta.seq;
    last = next;
    write(encodeLine({ type: 'delta', at: next.at, delta }));
  };

  const timer = setInterval(recorder.sample, opts.intervalMs ?? 1000);
  timer.unref();

  recorder.list = async () => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    const out: RecordingSummary[] = [];
    for (const name of names) {
      const rid = name.replace(/\.ndjson$/, '');
      const at = startOfRecordingId(rid);
      if (at === null || !name.endsWith('.ndjson')) continue;
      const info = await stat(path.join(dir, name)).catch(() => null);
      if (info?.isFile())
        out.push({ id: rid, startedAt: at, bytes: info.size, live: rid === id && !stopped });
    }
    return out.sort((a, b) => b.startedAt - a.startedAt);
  };

  recorder.read = async (rid) => {
    // The id is checked against its pattern before it comes near a path.
    if (startOfRecordingId(rid) === null) return null;
    try {
      return await readFile(path.join(dir, `${rid}.ndjson`), 'utf8');
    } catch {
      return null;
    }
  };

  recorder.close = () => {
    clearInterval(timer);
    if (stopped) return;
    recorder.sample();
    stopped = true;
    closeFile();
  };

  return recorder;
}
