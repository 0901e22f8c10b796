/**
 * "What the network sees": the seeder's protocol encryption (MSE/PE) as an experiment, and the
 * first bytes of each desktop client's connection to the seeder as an eavesdropper on the Wi-Fi
 * reads them. Pure and isomorphic: the lab decides with it which wires to keep, the panel
 * picks the handshake's fields out of the same bytes with it.
 */
import { z } from 'zod';

export const ENCRYPTION_MODES = ['off', 'preferred', 'required'] as const;
export type EncryptionMode = (typeof ENCRYPTION_MODES)[number];
export const EncryptionModeSchema = z.enum(ENCRYPTION_MODES, {
  error: 'encryption is "off", "preferred" or "required"',
});

export const ENCRYPTION_LABELS: Record<EncryptionMode, string> = {
  off: 'off (plaintext only)',
  preferred: 'preferred (MSE when the client can)',
  required: 'required (MSE only)',
};

/**
 * webtorrent 3's `secure` level for a mode (0 = no MSE, 1 = MSE with plaintext fallback, 2 = MSE
 * with RC4 only). Not 1 for "preferred": as the answering side, level 1 picks MSE's "plaintext"
 * method whenever the client offers it, so the handshake and pieces would cross in clear after
 * an obfuscated key exchange. Level 2 still accepts a plain incoming handshake (bittorrent-
 * protocol's responder always does), so "required" is level 2 plus the lab refusing those.
 */
export function webtorrentSecureLevel(mode: EncryptionMode): 0 | 2 {
  return mode === 'off' ? 0 : 2;
}

/** How one wire's stream crossed the network. */
export type WireEncryption = 'plaintext' | 'rc4';

/** May a wire of this kind stay connected under `mode`? Also decides which wires a change closes. */
export function acceptsWire(mode: EncryptionMode, encryption: WireEncryption): boolean {
  if (mode === 'off') return encryption === 'plaintext';
  if (mode === 'required') return encryption === 'rc4';
  return true;
}

/** Bytes of each direction the lab keeps per connection, and how many connections it shows. */
export const CAPTURE_BYTES = 128;
export const CAPTURE_CONNECTIONS = 12;

export interface CapturedConnection {
  /** Unique for the lab's life. */
  id: number;
  transport: 'tcp' | 'utp';
  /** Who dialled: the client (incoming to the seeder) or the seeder. */
  direction: 'incoming' | 'outgoing';
  openedAt: number;
  /** The client's name from its peer id, once the seeder knows it. */
  client: string | null;
  /** host:port; only while the instructor lets the projector show addresses. */
  address: string | null;
  /** The first bytes the seeder received and sent, as hex (at most CAPTURE_BYTES each). */
  received: string;
  sent: string;
  /** open: handshake under way; then how it went. */
  outcome: 'open' | 'plaintext' | 'encrypted' | 'refused' | 'failed';
  /** Why it was refused or failed, in words. */
  reason: string | null;
  /** The torrent it is for, once known (hex). */
  infoHash: string | null;
}

export interface WireCaptureView {
  mode: EncryptionMode;
  connections: CapturedConnection[];
}

const PROTOCOL = '\u0013BitTorrent protocol';

export type FieldKind = 'length' | 'protocol' | 'reserved' | 'infohash' | 'peerid';
export interface ByteField {
  kind: FieldKind;
  start: number;
  end: number;
}

export interface WireReading {
  /** The BitTorrent handshake starts at byte 0, in clear. */
  plaintextHandshake: boolean;
  /** Where `BitTorrent protocol` (with its length byte) appears, or -1. */
  protocolAt: number;
  /** Where the given info hash appears in clear, or -1. */
  infoHashAt: number;
  /** The handshake's fields (BEP 3: 1 + 19 + 8 + 20 + 20 bytes), where they are visible. */
  fields: ByteField[];
  /** The info hash and peer id read from a plaintext handshake (hex), when complete. */
  infoHash: string | null;
  peerId: string | null;
  /** Distinct byte values among the bytes: close to their count for random-looking data. */
  distinct: number;
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(Math.floor(hex.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Reads captured bytes as an eavesdropper would: the signature, the info hash, the fields. */
export function readWireBytes(bytes: Uint8Array, infoHashHex?: string | null): WireReading {
  const protocol = new Uint8Array([...PROTOCOL].map((c) => c.charCodeAt(0)));
  const protocolAt = indexOf(bytes, protocol);
  const infoHashAt =
    infoHashHex && /^[0-9a-f]{40}$/i.test(infoHashHex)
      ? indexOf(bytes, hexToBytes(infoHashHex.toLowerCase()))
      : -1;
  const fields: ByteField[] = [];
  let infoHash: string | null = null;
  let peerId: string | null = null;
  if (protocolAt >= 0) {
    const at = protocolAt;
    const layout: [FieldKind, number][] = [
      ['length', 1],
      ['protocol', 19],
      ['reserved', 8],
      ['infohash', 20],
      ['peerid', 20],
    ];
    let start = at;
    for (const [kind, size] of layout) {
      const end = Math.min(start + size, bytes.length);
      if (end > start) fields.push({ kind, start, end });
      start += size;
    }
    if (bytes.length >= at + 48) infoHash = bytesToHex(bytes.subarray(at + 28, at + 48));
    if (bytes.length >= at + 68) peerId = bytesToHex(bytes.subarray(at + 48, at + 68));
  }
  return {
    plaintextHandshake: protocolAt === 0,
    protocolAt,
    infoHashAt,
    fields,
    infoHash,
    peerId,
    distinct: new Set(bytes).size,
  };
}

/** A byte as the text column of a hex dump shows it: printable ASCII, else a dot. */
export function printable(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '·';
}

export function describeEncryption(mode: EncryptionMode): string {
  if (mode === 'off') return 'Seeder encryption off: plaintext handshakes only';
  if (mode === 'required') return 'Seeder encryption required: plaintext clients are refused';
  return 'Seeder encryption preferred: MSE when the client offers it';
}
