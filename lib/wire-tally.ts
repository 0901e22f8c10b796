/**
 * Piece bytes exchanged with each peer over a torrent's life, closed wires included (the
 * counters of bittorrent-protocol's wires, which count blocks only). webtorrent forgets a wire
 * when it closes, so anything summed from `torrent.wires` alone goes down when a classmate
 * leaves, and the projector lost the bytes a peer had received from anyone who had left. The
 * torrent's own `uploaded` is no substitute: it counts every byte on the connection, requests
 * and `have`s included (a page said "Gave back 31.8 KB" beside a wire table that said "Sent 0 B").
 * Pure bookkeeping, no timers.
 */

export interface TallyWire {
  peerId: string | null;
  downloaded: number;
  uploaded: number;
  downloadSpeed(): number;
  uploadSpeed(): number;
}

export interface PeerTotals {
  peerId: string;
  /** Bytes received from this peer, on every wire to it so far. */
  downloaded: number;
  /** Bytes sent to this peer, on every wire to it so far. */
  uploaded: number;
  downloadRate: number;
  uploadRate: number;
  /** A wire to it is open now. */
  open: boolean;
}

export interface WireTally {
  /** Folds in the wires open now; returns every peer ever connected, open ones first. */
  update(wires: readonly TallyWire[]): PeerTotals[];
}

export function createWireTally(): WireTally {
  /** Wires seen open at the last update; their counters are read once more after they close. */
  let live = new Set<TallyWire>();
  const closed = new Map<string, { downloaded: number; uploaded: number }>();
  return {
    update(wires) {
      const now = new Set(wires.filter((w) => w.peerId));
      for (const w of live) {
        if (now.has(w)) continue;
        // Gone: its final counters stay on the (closed) wire object.
        const c = closed.get(w.peerId!) ?? { downloaded: 0, uploaded: 0 };
        c.downloaded += w.downloaded;
        c.uploaded += w.uploaded;
        closed.set(w.peerId!, c);
      }
      live = now;
      const totals = new Map<string, PeerTotals>();
      for (const w of now) {
        const t = totals.get(w.peerId!) ?? {
          peerId: w.peerId!,
          downloaded: 0,
          uploaded: 0,
          downloadRate: 0,
          uploadRate: 0,
          open: true,
        };
        t.downloaded += w.downloaded;
        t.uploaded += w.uploaded;
        t.downloadRate += w.downloadSpeed();
        t.uploadRate += w.uploadSpeed();
        totals.set(w.peerId!, t);
      }
      for (const [peerId, c] of closed) {
        const t = totals.get(peerId) ?? {
          peerId,
          downloaded: 0,
          uploaded: 0,
          downloadRate: 0,
          uploadRate: 0,
          open: false,
        };
        t.downloaded += c.downloaded;
        t.uploaded += c.uploaded;
        totals.set(peerId, t);
      }
      return [...totals.values()];
    },
  };
}
