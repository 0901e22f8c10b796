/**
 * HandshakeSequence's "on the wire with MSE" view: the same conversation as wire-script.ts, as
 * an eavesdropper sees it when both peers use Message Stream Encryption (the Azureus/Vuze MSE/PE
 * spec, 2006; bittorrent-protocol's mse.js implements the same steps):
 *
 *   1 A→B  Ya, PadA                      Diffie-Hellman public key (96 bytes), 0–512 random bytes
 *   2 B→A  Yb, PadB
 *   3 A→B  HASH('req1', S), HASH('req2', SKEY) xor HASH('req3', S),
 *          ENCRYPT(VC, crypto_provide, len(PadC), PadC, len(IA)), ENCRYPT(IA)
 *   4 B→A  ENCRYPT(VC, crypto_select, len(PadD), PadD), then the encrypted stream
 *
 * S is the shared DH secret, SKEY the info hash, HASH SHA-1, VC eight zero bytes, and ENCRYPT is
 * RC4 keyed with HASH('keyA', S, SKEY) from A and HASH('keyB', S, SKEY) from B, its first 1024
 * bytes discarded. IA, the initial payload, carries A's BitTorrent handshake. The bytes are real:
 * tests/unit/diagrams-mse.test.ts checks them against OpenSSL's DH and WebTorrent's own MSE code.
 * Pure and seeded (BigInt and @noble/hashes), so it runs in the browser and gives the same bytes
 * for the same seed.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { createRng, nextInt, nextUint32, type RngState } from '../sim/rng';
import {
  encode,
  hexToBytes,
  label,
  toHex,
  uint32,
  type Field,
  type WireMessage,
} from './peer-wire';
import { wireScript, type WireScript, type WireStep } from './wire-script';

/** The MSE spec's 768-bit prime, and its generator 2. */
export const MSE_PRIME = BigInt(
  '0xffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a63a36210000000000090563',
);
const G = BigInt(2);
const KEY_BYTES = 96;
/** crypto_provide: 0x01 plaintext, 0x02 RC4; A offers both, B picks RC4. */
const PROVIDE = 0x03;
const SELECT = 0x02;

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = BigInt(1);
  let b = base % mod;
  for (let e = exp; e > BigInt(0); e >>= BigInt(1)) {
    if (e & BigInt(1)) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

export function toBytes(n: bigint, length = KEY_BYTES): Uint8Array {
  return hexToBytes(n.toString(16).padStart(length * 2, '0'));
}

const toBigInt = (bytes: Uint8Array) => BigInt(`0x${toHex(bytes, '') || '0'}`);

function randomBytes(rng: RngState, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = nextUint32(rng) & 0xff;
  return out;
}

/** RC4 with MSE's rule: the first 1024 bytes of keystream are thrown away. */
export function rc4(key: Uint8Array, drop = 1024): (data: Uint8Array) => Uint8Array {
  const s = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  let i = 0;
  let j = 0;
  const next = () => {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    return s[(s[i]! + s[j]!) & 0xff]!;
  };
  for (let k = 0; k < drop; k++) next();
  return (data) => data.map((b) => b ^ next());
}

export interface MseSecrets {
  /** DH private keys (160 bits each, as the spec suggests) and the shared secret S, as bytes. */
  xa: Uint8Array;
  xb: Uint8Array;
  s: Uint8Array;
}

export interface MseScript extends WireScript {
  secrets: MseSecrets;
}

const secret = (name: string, bytes: Uint8Array, value: string): Field => ({
  name,
  kind: 'secret',
  bytes,
  value,
});

/** A message of the plain conversation, as one opaque run of RC4 output. */
function hidden(m: WireMessage, encrypt: (d: Uint8Array) => Uint8Array): WireMessage {
  const what = label(m);
  return {
    name: 'mse',
    title: `encrypted ${what}`,
    fields: [
      secret(
        'RC4 stream',
        encrypt(encode(m)),
        `a ${what} message inside; only the two peers hold the key`,
      ),
    ],
  };
}

export function mseScript(seed = 1): MseScript {
  const plain = wireScript(seed);
  const rng = createRng(seed ^ 0x5eed);
  const xa = randomBytes(rng, 20);
  const xb = randomBytes(rng, 20);
  const ya = toBytes(modPow(G, toBigInt(xa), MSE_PRIME));
  const yb = toBytes(modPow(G, toBigInt(xb), MSE_PRIME));
  const s = toBytes(modPow(toBigInt(yb), toBigInt(xa), MSE_PRIME));
  const skey = hexToBytes(plain.infoHash);
  const encryptA = rc4(sha1(concat(ascii('keyA'), s, skey)));
  const encryptB = rc4(sha1(concat(ascii('keyB'), s, skey)));
  const req1 = sha1(concat(ascii('req1'), s));
  const req2 = sha1(concat(ascii('req2'), skey));
  const req3 = sha1(concat(ascii('req3'), s));
  const padA = randomBytes(rng, nextInt(rng, 513));
  const padB = randomBytes(rng, nextInt(rng, 513));
  const [yourHandshake, peerHandshake, ...rest] = plain.steps as [
    WireStep,
    WireStep,
    ...WireStep[],
  ];
  const ia = encode(yourHandshake.message);
  const len16 = (n: number) => uint32(n).subarray(2);
  // Both runs of A's RC4 stream come from the same cipher, in order: header first, then IA.
  const header3 = encryptA(concat(new Uint8Array(8), uint32(PROVIDE), len16(0), len16(ia.length)));
  const ia3 = encryptA(ia);
  const header4 = encryptB(concat(new Uint8Array(8), uint32(SELECT), len16(0)));
  const steps: WireStep[] = [
    {
      from: 'you',
      message: {
        name: 'mse',
        title: 'Ya, PadA',
        fields: [
          secret('Ya', ya, '2^Xa mod P: your Diffie-Hellman public key, 768 bits'),
          secret('PadA', padA, `${padA.length} random bytes, so the length gives nothing away`),
        ],
      },
      explain:
        'Instead of the 68-byte handshake, your client opens with a Diffie-Hellman public key and random padding. To anyone watching these are random bytes: no “BitTorrent protocol”, no info hash, not even a fixed length.',
    },
    {
      from: 'peer',
      message: {
        name: 'mse',
        title: 'Yb, PadB',
        fields: [
          secret('Yb', yb, "2^Xb mod P: the peer's public key"),
          secret('PadB', padB, `${padB.length} random bytes`),
        ],
      },
      explain:
        'The peer answers with its own public key. Each side can now compute the same secret S = Yb^Xa = Ya^Xb mod P; an eavesdropper who saw only Ya and Yb cannot.',
    },
    {
      from: 'you',
      message: {
        name: 'mse',
        title: "HASH('req1', S), …",
        fields: [
          secret(
            'HASH(req1, S)',
            req1,
            'SHA-1 of "req1" and S: marks where the encrypted part starts',
          ),
          secret(
            'HASH(req2, SKEY) xor HASH(req3, S)',
            req2.map((b, i) => b ^ req3[i]!),
            'tells the peer which torrent, by info hash (SKEY), without showing it',
          ),
          secret(
            'ENCRYPT(VC, provide, …)',
            header3,
            'RC4: 8 zero bytes (VC), crypto_provide 0x03 (plaintext or RC4), no PadC, len(IA) 68',
          ),
          secret('ENCRYPT(IA)', ia3, 'your 68-byte BitTorrent handshake, encrypted'),
        ],
      },
      explain:
        'Proof that you know S, and the torrent you want, hashed so only a peer serving that info hash recognises it. Then, already encrypted, the options you offer and your BitTorrent handshake. A passive observer learns neither the torrent nor the protocol.',
    },
    {
      from: 'peer',
      message: {
        name: 'mse',
        title: 'ENCRYPT(VC, select), …',
        fields: [
          secret('ENCRYPT(VC, select, …)', header4, 'RC4: VC, crypto_select 0x02 (RC4), no PadD'),
          secret(
            'encrypted handshake',
            encryptB(encode(peerHandshake.message)),
            "the peer's BitTorrent handshake",
          ),
        ],
      },
      explain:
        'The peer picks RC4 for the rest of the connection and sends its own handshake, encrypted. From here on every message is RC4 output: the same conversation as in the plain view, byte for byte, but unreadable on the way.',
    },
    ...rest.map((step) => ({
      from: step.from,
      message: hidden(step.message, step.from === 'you' ? encryptA : encryptB),
      explain: `${step.explain} On the wire, an eavesdropper sees only its length and timing.`,
    })),
  ];
  return { ...plain, steps, secrets: { xa, xb, s } };
}
