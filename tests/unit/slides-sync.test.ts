import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  accept,
  propose,
  receive,
  samePlace,
  shouldApply,
  type SlideSyncState,
} from '../../lib/slides/sync';

const at = (seq: number, sender = 'presenter', slide = seq): SlideSyncState => ({
  deck: 'intro',
  slide,
  step: 0,
  sender,
  seq,
});

test('a viewer applies newer states from another sender, and nothing else', () => {
  assert.ok(shouldApply(null, at(1), 'viewer'));
  assert.ok(shouldApply(at(3), at(4), 'viewer'));
  assert.ok(!shouldApply(at(4), at(4), 'viewer'), 'same seq is not newer');
  assert.ok(!shouldApply(at(5), at(4), 'viewer'), 'older arrives late');
  assert.ok(!shouldApply(at(3), at(9, 'me'), 'me'), 'own echo');
});

test('the presenter proposes one past the newest state it knows, signed with its id', () => {
  assert.deepEqual(propose(null, { deck: 'intro', slide: 1, step: 0 }, 'p1'), {
    deck: 'intro',
    slide: 1,
    step: 0,
    sender: 'p1',
    seq: 1,
  });
  assert.equal(propose(at(41, 'p2'), { deck: 'intro', slide: 3, step: 1 }, 'p1').seq, 42);
});

test('the lab keeps a proposal only if its seq is higher than the kept one', () => {
  assert.deepEqual(accept(null, at(1)), { ok: true, state: at(1) });
  assert.deepEqual(accept(at(5), at(6)), { ok: true, state: at(6) });
  assert.deepEqual(accept(at(5), at(5, 'other')), { ok: false, reason: 'stale', state: at(5) });
});

test('two presenter pages racing: the first to reach the lab wins, the other adopts it', () => {
  const kept = at(10);
  const a = propose(kept, { deck: 'intro', slide: 2, step: 0 }, 'a');
  const b = propose(kept, { deck: 'intro', slide: 7, step: 0 }, 'b');
  const first = accept(kept, a);
  assert.ok(first.ok);
  const second = accept(first.state, b);
  assert.ok(!second.ok && second.reason === 'stale');
  // b's page takes the reply's state: it is newer than b's own view and from another sender.
  assert.deepEqual(receive(kept, second.state, 'b'), a);
});

test('property: whatever order states arrive in, a viewer ends on the newest', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 30 }),
      (seqs) => {
        let view: SlideSyncState | null = null;
        for (const seq of seqs) view = receive(view, at(seq), 'viewer');
        assert.equal(view?.seq, Math.max(...seqs));
      },
    ),
  );
});

test('samePlace compares deck, slide and step only', () => {
  assert.ok(samePlace(at(1, 'a', 3), at(2, 'b', 3)));
  assert.ok(!samePlace(at(1, 'a', 3), null));
});
