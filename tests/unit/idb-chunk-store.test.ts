import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  deleteOtherPieceStores,
  IdbChunkStore,
  PIECE_DB_PREFIX,
} from '../../lib/browser/idb-chunk-store';

const put = (s: IdbChunkStore, i: number, buf: Uint8Array) =>
  new Promise<void>((resolve, reject) => s.put(i, buf, (err) => (err ? reject(err) : resolve())));
const get = (s: IdbChunkStore, i: number, opts?: { offset?: number; length?: number }) =>
  new Promise<Uint8Array>((resolve, reject) =>
    s.get(i, opts ?? null, (err, buf) => (err ? reject(err) : resolve(buf!))),
  );
const close = (s: IdbChunkStore) =>
  new Promise<void>((resolve, reject) => s.close((err) => (err ? reject(err) : resolve())));
const destroy = (s: IdbChunkStore) =>
  new Promise<void>((resolve, reject) => s.destroy((err) => (err ? reject(err) : resolve())));

let n = 0;
const freshHash = () => (++n).toString(16).padStart(40, '0');

test('chunks survive closing the store: a reload finds them under the same info hash', async () => {
  const infoHash = freshHash();
  const first = new IdbChunkStore(4, { infoHash, length: 10 });
  await put(first, 0, new Uint8Array([1, 2, 3, 4]));
  await put(first, 2, new Uint8Array([9, 10]));
  await close(first);

  const again = new IdbChunkStore(4, { torrent: { infoHash }, length: 10 });
  assert.deepEqual([...(await get(again, 0))], [1, 2, 3, 4]);
  assert.deepEqual([...(await get(again, 2))], [9, 10]);
  await assert.rejects(get(again, 1), (err: Error & { notFound?: boolean }) => !!err.notFound);
  await destroy(again);

  const afterDestroy = new IdbChunkStore(4, { infoHash, length: 10 });
  await assert.rejects(get(afterDestroy, 0), /not found/);
  await destroy(afterDestroy);
});

test('wrong chunk lengths, a closed store and a missing info hash are clear errors', async () => {
  assert.throws(() => new IdbChunkStore(4, {}), /info hash/);
  assert.throws(() => new IdbChunkStore(0, { infoHash: freshHash() }), /chunk length/);
  const s = new IdbChunkStore(4, { infoHash: freshHash(), length: 10 });
  await assert.rejects(put(s, 0, new Uint8Array(3)), /must be 4 bytes/);
  await assert.rejects(put(s, 2, new Uint8Array(4)), /must be 2 bytes/);
  await close(s);
  await assert.rejects(put(s, 0, new Uint8Array(4)), /closed/);
  await assert.rejects(get(s, 0), /closed/);
  await assert.rejects(close(s), /closed/);
});

test('property: random puts read back exactly, whole or by offset and length', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 64 }),
      fc.integer({ min: 1, max: 40 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 12 }),
      async (chunkLength, chunks, ops) => {
        const length = chunkLength * (chunks - 1) + 1 + (ops[0]![2] % chunkLength);
        const last = chunks - 1;
        const s = new IdbChunkStore(chunkLength, { infoHash: freshHash(), length });
        const model = new Map<number, Uint8Array>();
        try {
          for (const [i, seed] of ops) {
            const index = i % chunks;
            const size = index === last ? length - chunkLength * last : chunkLength;
            const buf = Uint8Array.from({ length: size }, (_, k) => (seed + k * 31) & 0xff);
            // Hand the store a view into a bigger buffer, as webtorrent does with pooled memory.
            const pooled = new Uint8Array(size + 8);
            pooled.set(buf, 4);
            await put(s, index, pooled.subarray(4, 4 + size));
            pooled.fill(0);
            model.set(index, buf);
          }
          for (const [i, seed, o] of ops) {
            const index = i % chunks;
            const want = model.get(index)!;
            assert.deepEqual([...(await get(s, index))], [...want]);
            const offset = o % want.length;
            const len = 1 + (seed % (want.length - offset));
            const part = await get(s, index, { offset, length: len });
            assert.deepEqual([...part], [...want.subarray(offset, offset + len)]);
            const tail = await get(s, index, { offset });
            assert.deepEqual([...tail], [...want.subarray(offset)]);
          }
          for (let index = 0; index < chunks; index++) {
            if (!model.has(index)) await assert.rejects(get(s, index), /not found/);
          }
        } finally {
          await destroy(s);
        }
      },
    ),
    { numRuns: 60 },
  );
});

test('only the current info hash’s database is kept', async () => {
  const keep = freshHash();
  const old = freshHash();
  for (const infoHash of [keep, old]) {
    const s = new IdbChunkStore(2, { infoHash, length: 2 });
    await put(s, 0, new Uint8Array([1, 2]));
    await close(s);
  }
  const deleted = await deleteOtherPieceStores(keep);
  assert.ok(deleted.includes(PIECE_DB_PREFIX + old));
  assert.ok(!deleted.includes(PIECE_DB_PREFIX + keep));
  const names = (await indexedDB.databases()).map((d) => d.name);
  assert.ok(names.includes(PIECE_DB_PREFIX + keep));
  assert.ok(!names.includes(PIECE_DB_PREFIX + old));
  const kept = new IdbChunkStore(2, { infoHash: keep, length: 2 });
  assert.deepEqual([...(await get(kept, 0))], [1, 2]);
  await destroy(kept);
});
