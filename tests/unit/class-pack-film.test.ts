import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FILM, filmFrames, type DrawOp } from '../../lab-server/class-pack/film-frames';

const texts = (ops: DrawOp[]) => ops.filter((op) => op[0] === 'text').map((op) => op[3] as string);

test('the film has 30 s of frames; its swarm finishes before the end card', () => {
  const frames = [...filmFrames()];
  assert.equal(frames.length, FILM.fps * FILM.seconds);
  const swarm = frames.filter((ops) => texts(ops).includes('One file, 40 pieces, 11 laptops'));
  assert.ok(swarm.length > FILM.fps * 15, `${swarm.length} swarm frames`);
  assert.ok(texts(swarm[0]!).includes('0 of 10 finished'));
  assert.ok(texts(swarm.at(-1)!).includes('10 of 10 finished'));
  const end = texts(frames.at(-1)!).find((t) => t.startsWith('The seed sent'));
  assert.match(end ?? '', /^The seed sent \d+% of the bytes/);
  for (const ops of frames) {
    for (const op of ops) {
      if (op[0] === 'text' || op[0] === 'circle' || op[0] === 'pie') {
        assert.ok(op[1] >= 0 && op[1] <= FILM.width && op[2] >= 0 && op[2] <= FILM.height);
      }
    }
  }
});
