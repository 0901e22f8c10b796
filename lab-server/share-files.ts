/**
 * The .torrent side of the class index, apart from its state and sockets: checking that what an
 * attendee registers is a real torrent matching what the page said, and deriving the files the
 * lab hands out (desktop clients get every lab tracker, browsers only the WebSocket one).
 */
import parseTorrent, { toMagnetURI, toTorrentFile, type Instance } from 'parse-torrent';
import type { z } from 'zod';
import type { ShareRegisterMessage } from '../lib/protocol';
import { Refusal } from './socket-layer';

export type TorrentMeta = Instance;

/** The registered .torrent, parsed; refuses one that is too large, unreadable or inconsistent. */
export async function checkRegistration(
  msg: z.output<typeof ShareRegisterMessage>,
  maxBytes: number,
): Promise<TorrentMeta> {
  if (msg.length > maxBytes)
    throw new Refusal(
      `too large: the lab accepts torrents up to ${maxBytes} bytes (this one is ${msg.length})`,
    );
  let meta: TorrentMeta;
  try {
    meta = await parseTorrent(Buffer.from(msg.torrentFile, 'base64'));
  } catch {
    throw new Refusal('the .torrent file could not be read');
  }
  if (
    meta.infoHash !== msg.infoHash ||
    meta.length !== msg.length ||
    meta.pieces?.length !== msg.pieceCount ||
    meta.pieceLength !== msg.pieceLength
  )
    throw new Refusal('the .torrent file does not match the details sent with it');
  return meta;
}

/** The magnet and the two .torrent files the lab serves for one shared torrent. */
export function labFiles(
  meta: TorrentMeta,
  name: string,
  trackers: { http: string; udp: string; ws: string },
) {
  const { http, udp, ws } = trackers;
  const desktop = { ...meta, announce: [ws, http, udp], urlList: [] };
  return {
    magnet: toMagnetURI({ ...desktop, name }),
    desktopFile: Buffer.from(toTorrentFile(desktop)),
    browserFile: Buffer.from(toTorrentFile({ ...meta, announce: [ws], urlList: [] })),
  };
}
