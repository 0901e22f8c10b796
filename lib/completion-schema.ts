/**
 * The completion track as the lab serves it (GET /api/completion), checked where it enters a
 * page: a projector draws nothing it has not validated.
 */
import { z } from 'zod';
import type { CompletionTrack } from './completion';

const Num = z.number().finite();
const Rates = z.record(z.string(), Num);
const Stretch = z.object({ from: Num, fromBytes: Num, last: Num, lastBytes: Num });

export const CompletionTrackSchema = z.object({
  infoHash: z.string().nullable(),
  roundAt: Num.nullable(),
  startedAt: Num.nullable(),
  lastAt: Num,
  peakUp: Rates,
  peakDown: Rates,
  reportedUp: Rates,
  reportedDown: Rates,
  marks: z.record(z.string(), z.object({ up: Stretch, down: Stretch })),
  finishes: z.array(z.object({ id: z.string(), nickname: z.string(), seconds: Num })),
  finishedUnseen: z.array(z.string()),
  completeAt: Rates,
}) satisfies z.ZodType<CompletionTrack>;

export const CompletionReply = z.object({ track: CompletionTrackSchema });
