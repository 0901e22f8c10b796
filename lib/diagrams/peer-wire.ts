/**
 * The peer wire protocol of BEP 3, as bytes with their fields named, for the HandshakeSequence
 * diagram. The handshake is <pstrlen><pstr><reserved><info_hash><peer_id>; every later message
 * is <length prefix><message id><payload>, the length a 4-byte big-endian count of the bytes
 * after it. https://www.bittorrent.org/beps/bep_0003.html
 */

export const PSTR = 'BitTorrent protocol';
/** The request size every client uses: 16 KiB. */
export const BLOCK = 16_384;

export const MESSAGE_IDS = {
  choke: 0,
  unchoke: 1,
  interested: 2,
  'not interested': 3,
  have: 4,
  bitfield: 5,
  request: 6,
  piece: 7,
  cancel: 8,
} as const;

export type MessageName = keyof typeof MESSAGE_IDS;

/** `secret`: bytes an eavesdropper sees but cannot read (MSE's keys and RC4 output). */
export type FieldKind = 'length' | 'id' | 'payload' | 'header' | 'secret';

export interface Field {
  name: string;
  kind: FieldKind;
  bytes: Uint8Array;
  /** How to read the value, e.g. "19" or "piece 3". */
  value: string;
}

export interface WireMessage {
  /** `mse`: a step of Message Stream Encryption, or a message hidden by it (lib/diagrams/mse-script). */
  name: MessageName | 'handshake' | 'mse';
  fields: Field[];
  /** The arrow's label when the name alone does not say it, e.g. "Ya, PadA". */
  title?: string;
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

export function uint32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n >>> 0, false);
  return out;
}

export function hexToBytes(hex: string): Uint8Array {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new RangeError(`not hex: ${hex}`);
  return Uint8Array.from({ length: hex.length / 2 }, (_, i) =>
    parseInt(hex.slice(2 * i, 2 * i + 2), 16),
  );
}

export function toHex(bytes: Uint8Array, sep = ' '): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(sep);
}

/** The bytes as text where printable, for a peer id such as -qB4650-… */
export function printable(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·')).join('');
}

export function handshake(
  infoHash: Uint8Array,
  peerId: Uint8Array,
  reserved = new Uint8Array(8),
): WireMessage {
  if (infoHash.length !== 20 || peerId.length !== 20 || reserved.length !== 8) {
    throw new RangeError('handshake: info_hash and peer_id are 20 bytes, reserved 8');
  }
  return {
    name: 'handshake',
    fields: [
      {
        name: 'pstrlen',
        kind: 'header',
        bytes: Uint8Array.of(PSTR.length),
        value: `${PSTR.length}: the length of pstr`,
      },
      { name: 'pstr', kind: 'header', bytes: ascii(PSTR), value: `"${PSTR}"` },
      { name: 'reserved', kind: 'payload', bytes: reserved, value: reservedMeaning(reserved) },
      {
        name: 'info_hash',
        kind: 'payload',
        bytes: infoHash,
        value: 'SHA-1 of the info dictionary',
      },
      { name: 'peer_id', kind: 'payload', bytes: peerId, value: peerIdMeaning(peerId) },
    ],
  };
}

/** Azureus-style ids (BEP 20) start with -XXnnnn-: a client code and version. */
export function peerIdMeaning(peerId: Uint8Array): string {
  const head = printable(peerId.subarray(0, 8));
  return /^-[A-Za-z]{2}[0-9A-Za-z]{4}-$/.test(head)
    ? `"${head}" names the client (BEP 20 style), then ${peerId.length - 8} random bytes`
    : `"${printable(peerId)}"`;
}

/** The reserved bits most clients set (BEP 10 extension protocol, BEP 5 DHT, BEP 6 fast). */
export function reservedMeaning(reserved: Uint8Array): string {
  const named: string[] = [];
  if ((reserved[5]! & 0x10) !== 0) named.push('extension protocol (BEP 10)');
  if ((reserved[7]! & 0x04) !== 0) named.push('fast extension (BEP 6)');
  if ((reserved[7]! & 0x01) !== 0) named.push('DHT (BEP 5)');
  return named.length > 0 ? named.join(', ') : 'all zero: no extensions';
}

function message(name: MessageName, payload: Field[] = []): WireMessage {
  const size = 1 + payload.reduce((a, f) => a + f.bytes.length, 0);
  return {
    name,
    fields: [
      {
        name: 'length prefix',
        kind: 'length',
        bytes: uint32(size),
        value: `${size.toLocaleString('en-US')} ${size === 1 ? 'byte follows' : 'bytes follow'}`,
      },
      {
        name: 'message id',
        kind: 'id',
        bytes: Uint8Array.of(MESSAGE_IDS[name]),
        value: `${MESSAGE_IDS[name]} = ${name}`,
      },
      ...payload,
    ],
  };
}

const u32Field = (name: string, n: number): Field => ({
  name,
  kind: 'payload',
  bytes: uint32(n),
  value: n.toLocaleString('en-US'),
});

export const choke = () => message('choke');
export const unchoke = () => message('unchoke');
export const interested = () => message('interested');
export const notInterested = () => message('not interested');

export const have = (index: number) => message('have', [u32Field('piece index', index)]);

export function bitfield(bits: Uint8Array, pieceCount: number): WireMessage {
  const held: number[] = [];
  for (let i = 0; i < pieceCount; i++) if ((bits[i >> 3]! & (0x80 >> (i & 7))) !== 0) held.push(i);
  const binary = Array.from(bits, (b) => b.toString(2).padStart(8, '0')).join(' ');
  return message('bitfield', [
    {
      name: 'bitfield',
      kind: 'payload',
      bytes: bits,
      value: `${binary}: pieces ${held.join(', ')}`,
    },
  ]);
}

export const request = (index: number, begin: number, length: number) =>
  message('request', [
    u32Field('index', index),
    u32Field('begin', begin),
    u32Field('length', length),
  ]);

export const cancel = (index: number, begin: number, length: number) =>
  message('cancel', [
    u32Field('index', index),
    u32Field('begin', begin),
    u32Field('length', length),
  ]);

export const piece = (index: number, begin: number, block: Uint8Array) =>
  message('piece', [
    u32Field('index', index),
    u32Field('begin', begin),
    {
      name: 'block',
      kind: 'payload',
      bytes: block,
      value: `${block.length.toLocaleString('en-US')} bytes of the file`,
    },
  ]);

/** The message as it goes on the wire. */
export function encode(m: WireMessage): Uint8Array {
  const out = new Uint8Array(m.fields.reduce((a, f) => a + f.bytes.length, 0));
  let at = 0;
  for (const f of m.fields) {
    out.set(f.bytes, at);
    at += f.bytes.length;
  }
  return out;
}

/** A short label for the sequence diagram, e.g. request(3, 0, 16384). */
export function label(m: WireMessage): string {
  if (m.title) return m.title;
  const args = m.fields
    .filter((f) => f.kind === 'payload' && f.name !== 'block' && f.bytes.length === 4)
    .filter(() => m.name !== 'handshake' && m.name !== 'bitfield')
    .map((f) => new DataView(f.bytes.buffer, f.bytes.byteOffset).getUint32(0, false));
  if (m.name === 'piece') return `piece(${args.join(', ')}, block)`;
  return args.length > 0 ? `${m.name}(${args.join(', ')})` : m.name;
}
