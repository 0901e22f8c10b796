/**
 * Bitfields in BitTorrent order (BEP 3): piece 0 is the high bit of byte 0.
 * Carried over the wire as base64 so a 1,000-piece map costs ~170 characters.
 */

export function bitfieldBytes(pieceCount: number): number {
  return Math.ceil(pieceCount / 8);
}

export function emptyBitfield(pieceCount: number): Uint8Array {
  return new Uint8Array(bitfieldBytes(pieceCount));
}

export function hasPiece(bits: Uint8Array, index: number): boolean {
  const byte = bits[index >> 3];
  return byte !== undefined && (byte & (0x80 >> (index & 7))) !== 0;
}

export function setPiece(bits: Uint8Array, index: number): void {
  const at = index >> 3;
  if (at < bits.length) bits[at] = (bits[at] ?? 0) | (0x80 >> (index & 7));
}

export function countPieces(bits: Uint8Array, pieceCount: number): number {
  let n = 0;
  for (let i = 0; i < pieceCount; i++) if (hasPiece(bits, i)) n++;
  return n;
}

export function fullBitfield(pieceCount: number): Uint8Array {
  const bits = emptyBitfield(pieceCount);
  for (let i = 0; i < pieceCount; i++) setPiece(bits, i);
  return bits;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 without Buffer or btoa, so the same code runs in Node, the browser and tests. */
export function bitfieldToBase64(bits: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bits.length; i += 3) {
    const a = bits[i] ?? 0;
    const b = bits[i + 1] ?? 0;
    const c = bits[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < bits.length ? B64[(n >> 6) & 63]! : '=';
    out += i + 2 < bits.length ? B64[n & 63]! : '=';
  }
  return out;
}

export function bitfieldFromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bitsHeld = 0;
  let o = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) throw new Error(`invalid base64 character ${JSON.stringify(ch)}`);
    acc = (acc << 6) | v;
    bitsHeld += 6;
    if (bitsHeld >= 8) {
      bitsHeld -= 8;
      out[o++] = (acc >> bitsHeld) & 0xff;
    }
  }
  return out;
}

/** Sets piece indices from an object with a `get(i)` (webtorrent's BitField) or a plain predicate. */
export function bitfieldFrom(pieceCount: number, has: (index: number) => boolean): Uint8Array {
  const bits = emptyBitfield(pieceCount);
  for (let i = 0; i < pieceCount; i++) if (has(i)) setPiece(bits, i);
  return bits;
}
