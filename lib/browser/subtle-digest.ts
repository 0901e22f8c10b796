/**
 * WebTorrent checks every piece with `crypto.subtle.digest('SHA-1', …)`. Browsers expose
 * `crypto.subtle` only in secure contexts (https or localhost), and an attendee opens the lab
 * at http://<lan-ip>:3000 — so without this, every piece would fail to verify.
 * Fills in `digest` from @noble/hashes when, and only when, the browser has no subtle crypto.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';

const ALGORITHMS: Record<string, (data: Uint8Array) => Uint8Array> = {
  'SHA-1': sha1,
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};

function toBytes(data: BufferSource): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** Returns true when it had to install the fallback (the page is not a secure context). */
export function ensureSubtleDigest(): boolean {
  const c = globalThis.crypto as Crypto | undefined;
  if (!c || c.subtle) return false;
  const subtle = {
    async digest(algorithm: AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer> {
      const name = (typeof algorithm === 'string' ? algorithm : algorithm.name).toUpperCase();
      const fn = ALGORITHMS[name];
      if (!fn) throw new DOMException(`Unsupported digest ${name}`, 'NotSupportedError');
      const out = fn(toBytes(data));
      return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
    },
  };
  Object.defineProperty(c, 'subtle', { value: subtle, configurable: true });
  return true;
}
