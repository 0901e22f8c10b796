import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  clampPosition,
  isAtEnd,
  isAtStart,
  lastPosition,
  nextPosition,
  nextSlide,
  prevPosition,
  prevSlide,
  type DeckShape,
  type Position,
} from '../../lib/slides/navigation';

// Slide 1: no reveals; slide 2: two; slide 3: none; slide 4: one.
const SHAPE: DeckShape = [0, 2, 0, 1];

test('next reveals the slide step by step, then moves to the next slide at step 0', () => {
  const walk: Position[] = [{ slide: 1, step: 0 }];
  for (let i = 0; i < 7; i++) walk.push(nextPosition(SHAPE, walk.at(-1)!));
  assert.deepEqual(
    walk.map((p) => `${p.slide}.${p.step}`),
    ['1.0', '2.0', '2.1', '2.2', '3.0', '4.0', '4.1', '4.1'],
  );
});

test('prev hides one reveal, else goes to the previous slide fully revealed', () => {
  assert.deepEqual(prevPosition(SHAPE, { slide: 3, step: 0 }), { slide: 2, step: 2 });
  assert.deepEqual(prevPosition(SHAPE, { slide: 2, step: 1 }), { slide: 2, step: 0 });
  assert.deepEqual(prevPosition(SHAPE, { slide: 1, step: 0 }), { slide: 1, step: 0 });
});

test('whole-slide moves skip reveals; first and last positions', () => {
  assert.deepEqual(nextSlide(SHAPE, { slide: 2, step: 1 }), { slide: 3, step: 0 });
  assert.deepEqual(prevSlide(SHAPE, { slide: 2, step: 2 }), { slide: 1, step: 0 });
  assert.deepEqual(lastPosition(SHAPE), { slide: 4, step: 0 });
  assert.ok(isAtEnd(SHAPE, { slide: 4, step: 1 }));
  assert.ok(!isAtEnd(SHAPE, { slide: 4, step: 0 }));
  assert.ok(isAtStart({ slide: 1, step: 0 }));
});

test('clamping repairs any position, including nonsense from a URL', () => {
  assert.deepEqual(clampPosition(SHAPE, { slide: 99, step: 99 }), { slide: 4, step: 1 });
  assert.deepEqual(clampPosition(SHAPE, { slide: -3, step: -1 }), { slide: 1, step: 0 });
  assert.deepEqual(clampPosition(SHAPE, { slide: Number.NaN, step: 1.7 }), { slide: 1, step: 0 });
  assert.deepEqual(clampPosition([], { slide: 5, step: 5 }), { slide: 1, step: 0 });
});

const shapes = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 12 });
const positionIn = (shape: DeckShape) =>
  fc.integer({ min: 1, max: shape.length }).chain((slide) =>
    fc.record({
      slide: fc.constant(slide),
      step: fc.integer({ min: 0, max: shape[slide - 1]! }),
    }),
  );

test('property: prev undoes next, except at the very end', () => {
  fc.assert(
    fc.property(
      shapes.chain((shape) => fc.tuple(fc.constant(shape), positionIn(shape))),
      ([shape, pos]) => {
        if (isAtEnd(shape, pos)) return;
        assert.deepEqual(prevPosition(shape, nextPosition(shape, pos)), {
          slide: pos.slide,
          step: pos.step,
        });
      },
    ),
  );
});

test('property: stepping forward visits every step of every slide exactly once', () => {
  fc.assert(
    fc.property(shapes, (shape) => {
      const total = shape.reduce((sum, steps) => sum + steps + 1, 0);
      let pos: Position = { slide: 1, step: 0 };
      const seen = new Set([`${pos.slide}.${pos.step}`]);
      for (let i = 0; i < total + 3; i++) {
        pos = nextPosition(shape, pos);
        seen.add(`${pos.slide}.${pos.step}`);
      }
      assert.equal(seen.size, total);
      assert.ok(isAtEnd(shape, pos));
    }),
  );
});
