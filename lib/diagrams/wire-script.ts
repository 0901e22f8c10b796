/**
 * The conversation HandshakeSequence plays: you open a connection to a peer that has most of a
 * small torrent and fetch one piece. Every byte comes from lib/diagrams/peer-wire.
 */
import { fakeInfoHash, simPeerId } from '../sim';
import {
  BLOCK,
  bitfield,
  handshake,
  have,
  hexToBytes,
  interested,
  piece,
  request,
  unchoke,
  type WireMessage,
} from './peer-wire';

export type Side = 'you' | 'peer';

export interface WireStep {
  from: Side;
  message: WireMessage;
  /** One or two sentences: why this message, what its fields mean. */
  explain: string;
}

export interface WireScript {
  infoHash: string;
  peerIds: Record<Side, string>;
  pieceCount: number;
  steps: WireStep[];
}

/** Pieces the peer holds: all but 5 and 8 of 12. */
const PEER_PIECES = [0, 1, 2, 3, 4, 6, 7, 9, 10, 11];
const PIECE_COUNT = 12;
const WANTED = 3;

function bitsOf(pieces: number[], count: number): Uint8Array {
  const bits = new Uint8Array(Math.ceil(count / 8));
  for (const p of pieces) bits[p >> 3]! |= 0x80 >> (p & 7);
  return bits;
}

/** Bytes that look like file data, the same for the same seed. */
function blockOf(seed: number): Uint8Array {
  const out = new Uint8Array(BLOCK);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < out.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
  }
  return out;
}

/** A qBittorrent-style id for the other side (Azureus style, BEP 20): -qB4650- and 12 bytes. */
function otherPeerId(seed: number): string {
  const tail = simPeerId(seed, 'peer').slice(16);
  return '2d7142343635302d' + tail;
}

export function wireScript(seed = 1): WireScript {
  const infoHash = fakeInfoHash(seed);
  const peerIds = { you: simPeerId(seed, 'you'), peer: otherPeerId(seed) };
  const ih = hexToBytes(infoHash);
  const peerReserved = Uint8Array.of(0, 0, 0, 0, 0, 0x10, 0, 0x05);
  const steps: WireStep[] = [
    {
      from: 'you',
      message: handshake(ih, hexToBytes(peerIds.you)),
      explain:
        'The first 68 bytes on a new connection. pstrlen and pstr say “this is BitTorrent”; the reserved bytes announce extensions (none here); info_hash names the torrent, and a peer that does not serve it hangs up; peer_id is how your client names itself.',
    },
    {
      from: 'peer',
      message: handshake(ih, hexToBytes(peerIds.peer), peerReserved),
      explain:
        'The peer answers with the same info_hash and its own peer_id. Its reserved bytes set three bits: the extension protocol (0x10 in byte 5), the fast extension (0x04) and the DHT (0x01) in byte 7. Every message from now on starts with a 4-byte length.',
    },
    {
      from: 'peer',
      message: bitfield(bitsOf(PEER_PIECES, PIECE_COUNT), PIECE_COUNT),
      explain:
        'Only ever the first message after the handshake: one bit per piece, piece 0 in the high bit of the first byte. The peer has 10 of the 12 pieces; the 4 spare bits at the end are zero. You have nothing yet, so you may skip your own bitfield.',
    },
    {
      from: 'you',
      message: interested(),
      explain:
        'The peer has pieces you lack, so you say so. No payload: the length is 1, for the id alone. Both sides start out choking each other and not interested.',
    },
    {
      from: 'peer',
      message: unchoke(),
      explain:
        'The peer gives you one of its upload slots. While you were choked it would have ignored your requests; it can choke you again at any time (see choking and tit-for-tat).',
    },
    {
      from: 'you',
      message: request(WANTED, 0, BLOCK),
      explain:
        'Ask for 16 KiB (16,384 bytes) of piece 3 starting at byte 0. In this small torrent a piece is one block; with ordinary 256 KiB pieces a client keeps several block requests in flight.',
    },
    {
      from: 'peer',
      message: piece(WANTED, 0, blockOf(seed)),
      explain:
        'The block itself: index and begin repeat the request, then come the data. The length prefix counts everything after it: 1 + 4 + 4 + 16,384 = 16,393.',
    },
    {
      from: 'you',
      message: have(WANTED),
      explain:
        'Piece 3 hashes to the SHA-1 listed in the .torrent, so you tell your peers you have it and can upload it to them. Clients may skip peers that already have the piece, like this one.',
    },
  ];
  return { infoHash, peerIds, pieceCount: PIECE_COUNT, steps };
}
