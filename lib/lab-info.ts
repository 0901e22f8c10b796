/** One entry of RTCConfiguration.iceServers: the lab's STUN, and its TURN with a credential. */
export interface IceServer {
  urls: string;
  username?: string;
  credential?: string;
}

/** What `GET /api/lab` answers: how to reach this lab and its class torrent. */
export interface LabInfo {
  version: string;
  attendeeUrl: string;
  attendeeUrls: string[];
  trackers: { http: string; udp: string; ws: string };
  /**
   * The room's STUN and TURN (lab-server/ice.ts), with a TURN credential issued for this request
   * that expires after a workshop day: hand it to webtorrent as `tracker.rtcConfig.iceServers`.
   */
  iceServers: IceServer[];
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
