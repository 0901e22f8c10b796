/**
 * The `peer:progress` report a WebTorrent peer sends the hub, built the same way by browsers
 * (lib/browser/class-peer.ts) and by bots (lab-server/bots.ts). Only the torrent fields it
 * reads are named, so it works with WebTorrent's browser and Node builds alike.
 */
import { bitfieldFrom, bitfieldToBase64 } from './bitfield';
import type { Progress } from './protocol';
import type { PeerTotals } from './wire-tally';

/** The hub's limit on `incoming` (lib/protocol.ts). */
const MAX_INCOMING = 200;

export interface ReportingTorrent {
  infoHash: string;
  pieces: unknown[];
  downloaded: number;
  downloadSpeed: number;
  bitfield: { get(i: number): boolean };
}

/**
 * `totals` (lib/wire-tally.ts) makes the figures cumulative: bytes to and from classmates who
 * have since hung up still count. What it sent is the piece bytes of those totals, not the
 * torrent's `uploaded`: webtorrent counts every byte on the connection there, so a lone attendee
 * who only ever asked the seeder for blocks "gave back" ~30 KB of requests and `have`s.
 */
export function progressReport(torrent: ReportingTorrent, totals: PeerTotals[]): Progress {
  const incoming = totals
    .filter((t) => t.downloaded > 0)
    .sort((a, b) => b.downloaded - a.downloaded)
    .slice(0, MAX_INCOMING)
    .map((t) => ({ from: t.peerId, bytes: t.downloaded, rate: t.downloadRate }));
  const sent = sentTo(totals);
  return {
    infoHash: torrent.infoHash,
    bitfield: bitfieldToBase64(bitfieldFrom(torrent.pieces.length, (i) => torrent.bitfield.get(i))),
    downloaded: torrent.downloaded,
    uploaded: sent.bytes,
    downloadRate: torrent.downloadSpeed,
    uploadRate: sent.rate,
    incoming,
  };
}

/** Piece bytes sent to every peer so far, and the rate now (bittorrent-protocol's own counters). */
export function sentTo(totals: readonly PeerTotals[]): { bytes: number; rate: number } {
  let bytes = 0;
  let rate = 0;
  for (const t of totals) {
    bytes += t.uploaded;
    rate += t.uploadRate;
  }
  return { bytes, rate };
}
