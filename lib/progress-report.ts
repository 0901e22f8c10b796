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

export interface ReportingWire {
  peerId: string | null;
  downloaded: number;
  downloadSpeed(): number;
}

export interface ReportingTorrent {
  infoHash: string;
  pieces: unknown[];
  downloaded: number;
  uploaded: number;
  downloadSpeed: number;
  uploadSpeed: number;
  wires: ReportingWire[];
  bitfield: { get(i: number): boolean };
}

/**
 * `totals` (lib/wire-tally.ts) makes `incoming` cumulative: bytes from classmates who have since
 * hung up still count. Without it, only the wires open now.
 */
export function progressReport(torrent: ReportingTorrent, totals?: PeerTotals[]): Progress {
  const incoming = totals
    ? totals
        .filter((t) => t.downloaded > 0)
        .sort((a, b) => b.downloaded - a.downloaded)
        .slice(0, MAX_INCOMING)
        .map((t) => ({ from: t.peerId, bytes: t.downloaded, rate: t.downloadRate }))
    : torrent.wires
        .filter((w) => w.peerId && w.downloaded > 0)
        .map((w) => ({ from: w.peerId!, bytes: w.downloaded, rate: w.downloadSpeed() }));
  return {
    infoHash: torrent.infoHash,
    bitfield: bitfieldToBase64(bitfieldFrom(torrent.pieces.length, (i) => torrent.bitfield.get(i))),
    downloaded: torrent.downloaded,
    uploaded: torrent.uploaded,
    downloadRate: torrent.downloadSpeed,
    uploadRate: torrent.uploadSpeed,
    incoming,
  };
}
