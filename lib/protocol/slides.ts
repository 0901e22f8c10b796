/** Slide sync (lab-server/slide-sync.ts, lib/slides/sync.ts). */
import { z } from 'zod';
import type { SlideSyncState } from '../slides/sync';
import { MAX_SEQ } from '../slides/sync';

export const DeckSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a deck is a lowercase slug');

/** The presenter's proposed slide state; the lab keeps it only if `seq` is newer. */
export const SlideStateMessage = z.object({
  deck: DeckSlug,
  slide: z.number().int().min(1).max(999),
  step: z.number().int().min(0).max(99),
  sender: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a sender id is 1 to 64 letters, digits, - or _'),
  // Far more moves than a lifetime of classes, and far from where + 1 stops being exact.
  seq: z.number().int().min(1).max(MAX_SEQ),
});

export interface SlideWatchReply {
  /** Where the class is; null before the instructor has moved a slide. */
  state: SlideSyncState | null;
  /** Whether this socket presented the instructor token (only then may it move slides). */
  instructor: boolean;
}

export interface SlideMoveReply {
  ok: boolean;
  error?: string;
  /** The state the lab kept: the proposal when accepted, else the newer one it already had. */
  state: SlideSyncState | null;
  /** False when the move could not be written to disk (a restart would forget it). */
  saved?: boolean;
}

export interface SlidesClientEvents {
  'slides:watch': (ack: (reply: SlideWatchReply) => void) => void;
  'slides:move': (
    msg: z.input<typeof SlideStateMessage>,
    ack: (reply: SlideMoveReply) => void,
  ) => void;
}

export interface SlidesServerEvents {
  'slides:moved': (state: SlideSyncState) => void;
}
