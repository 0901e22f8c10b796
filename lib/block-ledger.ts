/**
 * Which blocks a peer received more than once, and from whom: the client's own count of wasted
 * download. webtorrent throws a block away silently when the piece already has it (a classmate
 * took over a slow wire's reservation, or the piece was verified meanwhile); the classroom bench
 * measured 15–25 % more bytes arriving than the pack holds, and only the client can say which
 * wire sent the copies. Pure bookkeeping; the caller feeds it each wire's `piece` events.
 */

export interface BlockSource {
  /** Bytes of blocks that arrived from this source. */
  received: number;
  /** Of those, bytes of blocks the peer already had (or had on the way from someone else first). */
  duplicate: number;
}

export interface BlockLedger {
  /** One block arrived from `source` (a peer id, or any label the caller chooses). */
  block(source: string, index: number, offset: number, length: number): void;
  totals(): { received: number; duplicate: number; bySource: Record<string, BlockSource> };
}

export function createBlockLedger(): BlockLedger {
  const seen = new Set<string>();
  const bySource: Record<string, BlockSource> = {};
  let received = 0;
  let duplicate = 0;
  return {
    block(source, index, offset, length) {
      const s = (bySource[source] ??= { received: 0, duplicate: 0 });
      s.received += length;
      received += length;
      const key = `${index}:${offset}`;
      if (seen.has(key)) {
        s.duplicate += length;
        duplicate += length;
      } else seen.add(key);
    },
    totals: () => ({ received, duplicate, bySource: structuredClone(bySource) }),
  };
}
