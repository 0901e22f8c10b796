import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bitfieldFrom, bitfieldToBase64 } from '../../lib/bitfield';
import { SwarmModel } from '../../lib/swarm-model';
import { pieceAvailability, workShare } from '../../lib/swarm-stats';
import { hexId } from '../support/swarm-fixtures';

const id = hexId;

test('availability counts the copies of each piece across the swarm', () => {
  const model = new SwarmModel();
  model.setTorrent({
    infoHash: 'a'.repeat(40),
    name: 't',
    pieceCount: 4,
    pieceLength: 1,
    length: 4,
  });
  model.upsertPeer({
    id: id(1),
    kind: 'seeder',
    bitfield: bitfieldToBase64(bitfieldFrom(4, () => true)),
  });
  model.upsertPeer({ id: id(2), bitfield: bitfieldToBase64(bitfieldFrom(4, (i) => i < 2)) });
  model.upsertPeer({ id: id(3), bitfield: bitfieldToBase64(bitfieldFrom(4, (i) => i === 0)) });
  assert.deepEqual(pieceAvailability(model.snapshot()), [3, 2, 1, 1]);
});

test('the work share tells the seeder’s bytes from the class’s', () => {
  const model = new SwarmModel();
  model.upsertPeer({ id: id(1), kind: 'seeder', uploaded: 250 });
  model.upsertPeer({ id: id(2), uploaded: 600 });
  model.upsertPeer({ id: id(3), kind: 'desktop', uploaded: 150 });
  assert.deepEqual(workShare(model.snapshot()), {
    bySeeders: 250,
    byClass: 750,
    classFraction: 0.75,
  });
  assert.equal(workShare(new SwarmModel().snapshot()).classFraction, 0);
});
