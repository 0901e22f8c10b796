/**
 * HandshakeSequence's MSE view: its bytes are a real Message Stream Encryption exchange. The
 * Diffie-Hellman values are checked with OpenSSL (node:crypto), and the RC4 streams by
 * WebTorrent's own MSE implementation (bittorrent-protocol/mse.js) playing each peer's part.
 */
import assert from 'node:assert/strict';
import { createDiffieHellman, createHash } from 'node:crypto';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encode, PSTR } from '../../lib/diagrams/peer-wire';
import { MSE_PRIME, mseScript, rc4 } from '../../lib/diagrams/mse-script';
import { wireScript } from '../../lib/diagrams/wire-script';

const sha1 = (...parts: (string | Uint8Array)[]) => {
  const h = createHash('sha1');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const pad96 = (b: Uint8Array) => Buffer.concat([Buffer.alloc(96 - b.length), b]);
const field = (script: ReturnType<typeof mseScript>, step: number, i: number) =>
  script.steps[step]!.message.fields[i]!.bytes;

/** The part of bittorrent-protocol's MessageStreamEncryptor this test drives (it ships no types). */
interface MseOracle {
  _dh: ReturnType<typeof createDiffieHellman>;
  S: Uint8Array;
  handleStepB1(step1: Uint8Array): void;
  generateStepB2(): Uint8Array;
  extractInfoHashFromXor(xor: Uint8Array): string;
  _initializeCiphers(party: 'A' | 'B'): void;
  encryptCipher(data: Uint8Array): Uint8Array;
  decryptCipher(data: Uint8Array): Uint8Array;
}
// mse.js is not in the package's exports (it is internal to the Wire), so it is loaded by path,
// next to the package entry that import resolution finds.
const entry = fileURLToPath(import.meta.resolve('bittorrent-protocol'));
const { MessageStreamEncryptor } = (await import(
  pathToFileURL(path.join(path.dirname(entry), 'mse.js')).href
)) as { MessageStreamEncryptor: new (infoHashHex: string) => MseOracle };

function dh(privateKey: Uint8Array) {
  const d = createDiffieHellman(MSE_PRIME.toString(16), 'hex', Buffer.from([2]));
  d.setPrivateKey(Buffer.from(privateKey));
  return d;
}

test('RC4 matches the classic test vector (key "Key", text "Plaintext")', () => {
  const out = rc4(
    Uint8Array.from(Buffer.from('Key')),
    0,
  )(Uint8Array.from(Buffer.from('Plaintext')));
  assert.equal(Buffer.from(out).toString('hex'), 'bbf316e8d940af0ad3');
});

for (const seed of [1, 2, 7]) {
  test(`seed ${seed}: Ya, Yb and S are the Diffie-Hellman values OpenSSL computes`, () => {
    const script = mseScript(seed);
    const { xa, xb, s } = script.secrets;
    const a = dh(xa);
    const b = dh(xb);
    assert.deepEqual(pad96(a.generateKeys()), Buffer.from(field(script, 0, 0)), 'Ya');
    assert.deepEqual(pad96(b.generateKeys()), Buffer.from(field(script, 1, 0)), 'Yb');
    assert.deepEqual(pad96(a.computeSecret(Buffer.from(field(script, 1, 0)))), Buffer.from(s));
    assert.ok(field(script, 0, 1).length <= 512 && field(script, 1, 1).length <= 512, 'pads');
  });

  test(`seed ${seed}: step 3 holds HASH('req1', S) and the xor of req2 and req3`, () => {
    const script = mseScript(seed);
    const { s } = script.secrets;
    const skey = Buffer.from(script.infoHash, 'hex');
    assert.deepEqual(field(script, 2, 0), sha1('req1', s));
    const req2 = sha1('req2', skey);
    const req3 = sha1('req3', s);
    assert.deepEqual(
      field(script, 2, 1),
      req2.map((x, i) => x ^ req3[i]!),
    );
  });

  test(`seed ${seed}: WebTorrent's MSE, as the peer, decrypts your step 3 and sends what the diagram shows`, () => {
    const script = mseScript(seed);
    const plain = wireScript(seed);
    // The peer (B): WebTorrent's encryptor with the diagram's private key Xb.
    const peer = new MessageStreamEncryptor(script.infoHash);
    peer._dh = dh(script.secrets.xb);
    peer.handleStepB1(Buffer.from(field(script, 0, 0)));
    peer.generateStepB2();
    assert.deepEqual(pad96(peer.S), Buffer.from(script.secrets.s), 'both sides agree on S');
    // The responder recovers HASH('req2', SKEY) and matches it against the torrents it serves.
    const req2 = sha1('req2', Buffer.from(script.infoHash, 'hex'));
    assert.equal(
      peer.extractInfoHashFromXor(field(script, 2, 1)),
      Buffer.from(req2).toString('hex'),
    );
    peer._initializeCiphers('B');
    const header = peer.decryptCipher(field(script, 2, 2));
    assert.deepEqual([...header.subarray(0, 8)], [0, 0, 0, 0, 0, 0, 0, 0], 'VC');
    assert.equal(Buffer.from(header).readUInt32BE(8), 0x03, 'crypto_provide: plaintext or RC4');
    assert.equal(Buffer.from(header).readUInt16BE(14), 68, 'len(IA)');
    assert.deepEqual(
      Buffer.from(peer.decryptCipher(field(script, 2, 3))),
      Buffer.from(encode(plain.steps[0]!.message)),
      'IA is your plain BitTorrent handshake',
    );
    // And what the peer encrypts is exactly step 4 of the diagram, then every later message.
    const select = Buffer.concat([Buffer.alloc(8), Buffer.from([0, 0, 0, 2, 0, 0])]);
    assert.deepEqual(Buffer.from(peer.encryptCipher(select)), Buffer.from(field(script, 3, 0)));
    const ownHandshake = encode(plain.steps[1]!.message);
    assert.deepEqual(
      Buffer.from(peer.encryptCipher(ownHandshake)),
      Buffer.from(field(script, 3, 1)),
    );
    for (let i = 2; i < plain.steps.length; i++) {
      const step = plain.steps[i]!;
      const onWire = Buffer.from(script.steps[i + 2]!.message.fields[0]!.bytes);
      const want = encode(step.message);
      const got = step.from === 'peer' ? peer.encryptCipher(want) : peer.decryptCipher(onWire);
      assert.deepEqual(Buffer.from(got), Buffer.from(step.from === 'peer' ? onWire : want));
    }
  });
}

test('with MSE, neither "BitTorrent protocol" nor the info hash appears anywhere on the wire', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const script = mseScript(seed);
    const wire = Buffer.concat(script.steps.map((s) => Buffer.from(encode(s.message))));
    assert.equal(wire.indexOf(PSTR), -1, `seed ${seed}: protocol string in clear`);
    assert.equal(wire.indexOf(Buffer.from(script.infoHash, 'hex')), -1, `seed ${seed}: info hash`);
    // The plain view, by contrast, shows both: the test would fail on it.
    const plain = Buffer.concat(wireScript(seed).steps.map((s) => Buffer.from(encode(s.message))));
    assert.ok(plain.indexOf(PSTR) >= 0 && plain.indexOf(Buffer.from(script.infoHash, 'hex')) >= 0);
  }
});
