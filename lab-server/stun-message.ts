/**
 * STUN messages (RFC 8489) with the TURN attributes (RFC 8656): parse and build, nothing else.
 * Parsing is apart from the server's logic (lab-server/turn-server.ts) so it can be tested on
 * its own bytes. IPv4 and IPv6 addresses are decoded; the relay itself only serves IPv4.
 */
import { createHmac } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const MAGIC_COOKIE = 0x2112a442;
const HEADER = 20;
const FINGERPRINT_XOR = 0x5354554e;

export const Method = {
  binding: 0x001,
  allocate: 0x003,
  refresh: 0x004,
  send: 0x006,
  data: 0x007,
  createPermission: 0x008,
  channelBind: 0x009,
} as const;

export const MessageClass = { request: 0, indication: 1, success: 2, error: 3 } as const;
export type MessageClassValue = (typeof MessageClass)[keyof typeof MessageClass];

export const Attr = {
  mappedAddress: 0x0001,
  username: 0x0006,
  messageIntegrity: 0x0008,
  errorCode: 0x0009,
  unknownAttributes: 0x000a,
  channelNumber: 0x000c,
  lifetime: 0x000d,
  xorPeerAddress: 0x0012,
  data: 0x0013,
  realm: 0x0014,
  nonce: 0x0015,
  xorRelayedAddress: 0x0016,
  requestedAddressFamily: 0x0017,
  evenPort: 0x0018,
  requestedTransport: 0x0019,
  dontFragment: 0x001a,
  xorMappedAddress: 0x0020,
  reservationToken: 0x0022,
  software: 0x8022,
  fingerprint: 0x8028,
} as const;

export interface TransportAddress {
  family: 'IPv4' | 'IPv6';
  address: string;
  port: number;
}

export interface StunAttribute {
  type: number;
  value: Buffer;
  /** Where the attribute's header starts in the message (for MESSAGE-INTEGRITY checks). */
  offset: number;
}

export interface StunMessage {
  method: number;
  cls: MessageClassValue;
  transactionId: Buffer;
  attributes: StunAttribute[];
  /** The whole datagram, for integrity checks. */
  raw: Buffer;
}

export class StunParseError extends Error {}

/** True when the first byte says STUN (the two top bits are 0); ChannelData starts with 01. */
export function looksLikeStun(buf: Buffer): boolean {
  return buf.length >= HEADER && (buf[0]! & 0xc0) === 0 && buf.readUInt32BE(4) === MAGIC_COOKIE;
}

export function parseStun(buf: Buffer): StunMessage {
  if (!looksLikeStun(buf)) throw new StunParseError('not a STUN message');
  const type = buf.readUInt16BE(0);
  const length = buf.readUInt16BE(2);
  if (length % 4 !== 0 || HEADER + length > buf.length) throw new StunParseError('bad STUN length');
  const method = (type & 0x000f) | ((type & 0x00e0) >> 1) | ((type & 0x3e00) >> 2);
  const cls = (((type & 0x0100) >> 7) | ((type & 0x0010) >> 4)) as MessageClassValue;
  const attributes: StunAttribute[] = [];
  let at = HEADER;
  const end = HEADER + length;
  while (at + 4 <= end) {
    const attrType = buf.readUInt16BE(at);
    const attrLength = buf.readUInt16BE(at + 2);
    if (at + 4 + attrLength > end) throw new StunParseError('attribute past the end');
    attributes.push({
      type: attrType,
      value: buf.subarray(at + 4, at + 4 + attrLength),
      offset: at,
    });
    at += 4 + attrLength + ((4 - (attrLength % 4)) % 4);
  }
  return { method, cls, transactionId: buf.subarray(8, 20), attributes, raw: buf.subarray(0, end) };
}

export function attribute(msg: StunMessage, type: number): Buffer | undefined {
  return msg.attributes.find((a) => a.type === type)?.value;
}

export function decodeXorAddress(value: Buffer, transactionId: Buffer): TransportAddress {
  if (value.length < 8) throw new StunParseError('short address attribute');
  const family = value[1];
  const port = value.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16);
  if (family === 0x01) {
    const raw = value.readUInt32BE(4) ^ MAGIC_COOKIE;
    const address = [raw >>> 24, (raw >>> 16) & 255, (raw >>> 8) & 255, raw & 255].join('.');
    return { family: 'IPv4', address, port };
  }
  if (family === 0x02 && value.length >= 20) {
    const mask = Buffer.concat([u32(MAGIC_COOKIE), transactionId]);
    const bytes = Buffer.alloc(16);
    for (let i = 0; i < 16; i++) bytes[i] = value[4 + i]! ^ mask[i]!;
    const groups = [];
    for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
    return { family: 'IPv6', address: groups.join(':'), port };
  }
  throw new StunParseError('unknown address family');
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** IPv4 only: the relay and the binding answers are IPv4 (the room's LANs). */
export function encodeXorAddress(addr: TransportAddress): Buffer {
  if (addr.family !== 'IPv4') throw new Error('only IPv4 addresses are encoded');
  const out = Buffer.alloc(8);
  out[1] = 0x01;
  out.writeUInt16BE(addr.port ^ (MAGIC_COOKIE >>> 16), 2);
  const raw = addr.address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  out.writeUInt32BE((raw ^ MAGIC_COOKIE) >>> 0, 4);
  return out;
}

export function encodeErrorCode(code: number, reason: string): Buffer {
  const text = Buffer.from(reason, 'utf8');
  const out = Buffer.alloc(4 + text.length);
  out[2] = Math.floor(code / 100);
  out[3] = code % 100;
  text.copy(out, 4);
  return out;
}

export function decodeErrorCode(value: Buffer): { code: number; reason: string } {
  return { code: value[2]! * 100 + value[3]!, reason: value.subarray(4).toString('utf8') };
}

export function u32Value(n: number): Buffer {
  return u32(n);
}

export interface BuildOptions {
  method: number;
  cls: MessageClassValue;
  transactionId: Buffer;
  attributes: Array<[number, Buffer]>;
  /** Adds MESSAGE-INTEGRITY with this key (long-term credentials: MD5(user:realm:password)). */
  integrityKey?: Buffer;
  fingerprint?: boolean;
}

export function buildStun(opts: BuildOptions): Buffer {
  const type =
    (opts.method & 0x000f) |
    ((opts.method & 0x0070) << 1) |
    ((opts.method & 0x0f80) << 2) |
    ((opts.cls & 1) << 4) |
    ((opts.cls & 2) << 7);
  const parts: Buffer[] = [];
  for (const [attrType, value] of opts.attributes) parts.push(encodeAttribute(attrType, value));
  let body = Buffer.concat(parts);
  const header = (extra: number) => {
    const h = Buffer.alloc(HEADER);
    h.writeUInt16BE(type, 0);
    h.writeUInt16BE(body.length + extra, 2);
    h.writeUInt32BE(MAGIC_COOKIE, 4);
    opts.transactionId.copy(h, 8);
    return h;
  };
  if (opts.integrityKey) {
    // The HMAC covers the message as if it ended with MESSAGE-INTEGRITY (RFC 8489 14.5).
    const mac = createHmac('sha1', opts.integrityKey)
      .update(Buffer.concat([header(24), body]))
      .digest();
    body = Buffer.concat([body, encodeAttribute(Attr.messageIntegrity, mac)]);
  }
  if (opts.fingerprint) {
    const crc = (crc32(Buffer.concat([header(8), body])) ^ FINGERPRINT_XOR) >>> 0;
    body = Buffer.concat([body, encodeAttribute(Attr.fingerprint, u32(crc))]);
  }
  return Buffer.concat([header(0), body]);
}

function encodeAttribute(type: number, value: Buffer): Buffer {
  const pad = (4 - (value.length % 4)) % 4;
  const out = Buffer.alloc(4 + value.length + pad);
  out.writeUInt16BE(type, 0);
  out.writeUInt16BE(value.length, 2);
  value.copy(out, 4);
  return out;
}

/** Checks MESSAGE-INTEGRITY against `key`; false when it is absent or wrong. */
export function integrityMatches(msg: StunMessage, key: Buffer): boolean {
  const mi = msg.attributes.find((a) => a.type === Attr.messageIntegrity);
  if (!mi || mi.value.length !== 20) return false;
  const covered = Buffer.from(msg.raw.subarray(0, mi.offset));
  covered.writeUInt16BE(mi.offset + 24 - HEADER, 2);
  const expected = createHmac('sha1', key).update(covered).digest();
  return expected.equals(mi.value);
}

/** ChannelData (RFC 8656 12.4): 2 bytes channel number 0x4000–0x7FFF, 2 bytes length, data. */
export function parseChannelData(buf: Buffer): { channel: number; data: Buffer } | null {
  if (buf.length < 4 || (buf[0]! & 0xc0) !== 0x40) return null;
  const length = buf.readUInt16BE(2);
  if (4 + length > buf.length) return null;
  return { channel: buf.readUInt16BE(0), data: buf.subarray(4, 4 + length) };
}

export function buildChannelData(channel: number, data: Buffer): Buffer {
  const out = Buffer.alloc(4 + data.length);
  out.writeUInt16BE(channel, 0);
  out.writeUInt16BE(data.length, 2);
  data.copy(out, 4);
  return out;
}
