/** What `GET /api/lab` answers: how to reach this lab and its class torrent. */
export interface LabInfo {
  version: string;
  attendeeUrl: string;
  attendeeUrls: string[];
  trackers: { http: string; udp: string; ws: string };
  torrent: {
    infoHash: string;
    name: string;
    magnet: string;
    length: number;
    pieceCount: number;
  } | null;
}

/** The same, with the attendee URL's QR code as SVG. */
export interface LabInfoWithQr extends LabInfo {
  qrSvg: string;
}
