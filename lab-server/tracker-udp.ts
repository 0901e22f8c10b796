/**
 * BEP 15 connection ids for the UDP tracker.
 *
 * Why: the stock server accepts any announce or scrape that carries the protocol's magic
 * constant as its connection id, so a spoofed source address needs no handshake (BEP 15's
 * connect step exists to stop exactly that). Ids here are stateless: 4 bytes of issue time and
 * 4 bytes of an HMAC over that time and the client's address and port, valid for 2 minutes, so
 * a flood of connects costs no memory.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const PROTOCOL_ID = Buffer.from('0000041727101980', 'hex');
export const CONNECTION_ID_LIFETIME_S = 120;
export const ACTION = { CONNECT: 0, ANNOUNCE: 1, SCRAPE: 2, ERROR: 3 } as const;
/** Bytes of a BEP 15 announce request, and the most hashes a scrape may name. */
export const ANNOUNCE_LENGTH = 98;
export const MAX_UDP_SCRAPE_HASHES = 74;

export function createConnectionIds(now: () => number = Date.now) {
  const secret = randomBytes(32);
  const tag = (seconds: number, address: string, port: number) =>
    createHmac('sha256', secret).update(`${seconds}|${address}|${port}`).digest().subarray(0, 4);
  return {
    issue(address: string, port: number): Buffer {
      const seconds = Math.floor(now() / 1000) >>> 0;
      const id = Buffer.alloc(8);
      id.writeUInt32BE(seconds, 0);
      tag(seconds, address, port).copy(id, 4);
      return id;
    },
    verify(id: Buffer, address: string, port: number): boolean {
      if (id.length !== 8) return false;
      const seconds = id.readUInt32BE(0);
      const age = Math.floor(now() / 1000) - seconds;
      if (age < 0 || age > CONNECTION_ID_LIFETIME_S) return false;
      return tag(seconds, address, port).equals(id.subarray(4));
    },
  };
}

export function errorPacket(transactionId: number, reason: string): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(ACTION.ERROR, 0);
  head.writeUInt32BE(transactionId, 4);
  return Buffer.concat([head, Buffer.from(reason)]);
}

export function connectReply(transactionId: number, connectionId: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(ACTION.CONNECT, 0);
  head.writeUInt32BE(transactionId, 4);
  return Buffer.concat([head, connectionId]);
}

export type UdpVerdict =
  | { kind: 'reply'; packet: Buffer }
  | { kind: 'forward'; packet: Buffer }
  | { kind: 'drop'; reason: string };

/**
 * Decides what happens to one datagram: the lab answers connects itself, hands checked
 * announces and scrapes to the stock server (with the magic id it expects), refuses the rest.
 */
export function checkUdpPacket(
  msg: Buffer,
  from: { address: string; port: number },
  ids: ReturnType<typeof createConnectionIds>,
): UdpVerdict {
  if (msg.length < 16) return { kind: 'drop', reason: 'UDP packet shorter than 16 bytes' };
  const action = msg.readUInt32BE(8);
  const tx = msg.readUInt32BE(12);
  const id = msg.subarray(0, 8);
  if (action === ACTION.CONNECT) {
    if (!id.equals(PROTOCOL_ID)) return { kind: 'drop', reason: 'UDP connect without protocol id' };
    return { kind: 'reply', packet: connectReply(tx, ids.issue(from.address, from.port)) };
  }
  if (action !== ACTION.ANNOUNCE && action !== ACTION.SCRAPE)
    return { kind: 'reply', packet: errorPacket(tx, `unknown action ${action}`) };
  if (!ids.verify(Buffer.from(id), from.address, from.port))
    return {
      kind: 'reply',
      packet: errorPacket(tx, 'unknown or expired connection id: connect again'),
    };
  const packet = Buffer.from(msg);
  PROTOCOL_ID.copy(packet, 0);
  if (action === ACTION.ANNOUNCE) {
    if (msg.length < ANNOUNCE_LENGTH)
      return { kind: 'reply', packet: errorPacket(tx, 'announce shorter than 98 bytes') };
    // The optional IP field would let one client list any address as a peer: use the sender's.
    packet.writeUInt32BE(0, 84);
    return { kind: 'forward', packet: packet.subarray(0, ANNOUNCE_LENGTH) };
  }
  const hashes = (msg.length - 16) / 20;
  if (!Number.isInteger(hashes) || hashes < 1 || hashes > MAX_UDP_SCRAPE_HASHES)
    return {
      kind: 'reply',
      packet: errorPacket(tx, `scrape must name 1 to ${MAX_UDP_SCRAPE_HASHES} info hashes`),
    };
  return { kind: 'forward', packet };
}
