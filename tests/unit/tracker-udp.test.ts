import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACTION,
  CONNECTION_ID_LIFETIME_S,
  PROTOCOL_ID,
  checkUdpPacket,
  createConnectionIds,
} from '../../lab-server/tracker-udp';

test('a connection id lives two minutes, for the address and port it was issued to', () => {
  let now = 1_700_000_000_000;
  const ids = createConnectionIds(() => now);
  const id = ids.issue('10.0.0.5', 6881);
  assert.equal(ids.verify(id, '10.0.0.5', 6881), true);
  assert.equal(ids.verify(id, '10.0.0.6', 6881), false, 'another address');
  assert.equal(ids.verify(id, '10.0.0.5', 6882), false, 'another port');
  now += CONNECTION_ID_LIFETIME_S * 1000;
  assert.equal(ids.verify(id, '10.0.0.5', 6881), true, 'still valid at 2 minutes');
  now += 1000;
  assert.equal(ids.verify(id, '10.0.0.5', 6881), false, 'expired after 2 minutes');
  const forged = Buffer.from(id);
  forged.writeUInt8(forged.readUInt8(7) ^ 1, 7);
  now -= 60_000;
  assert.equal(ids.verify(forged, '10.0.0.5', 6881), false, 'a changed byte');
});

test('connect is answered by the lab, announces are forwarded with the sender as their IP', () => {
  const ids = createConnectionIds();
  const from = { address: '10.0.0.5', port: 6881 };
  const connect = Buffer.alloc(16);
  PROTOCOL_ID.copy(connect);
  connect.writeUInt32BE(ACTION.CONNECT, 8);
  connect.writeUInt32BE(77, 12);
  const reply = checkUdpPacket(connect, from, ids);
  assert.equal(reply.kind, 'reply');
  const id = reply.kind === 'reply' ? reply.packet.subarray(8, 16) : Buffer.alloc(8);

  const announce = Buffer.alloc(98);
  id.copy(announce);
  announce.writeUInt32BE(ACTION.ANNOUNCE, 8);
  announce.writeUInt32BE(0x0a000063, 84); // "list me as 10.0.0.99"
  const forwarded = checkUdpPacket(announce, from, ids);
  assert.equal(forwarded.kind, 'forward');
  if (forwarded.kind === 'forward') {
    assert.deepEqual(forwarded.packet.subarray(0, 8), PROTOCOL_ID);
    assert.equal(forwarded.packet.readUInt32BE(84), 0, 'the IP field is cleared');
  }
  assert.equal(checkUdpPacket(announce.subarray(0, 60), from, ids).kind, 'reply');
  assert.equal(checkUdpPacket(Buffer.alloc(8), from, ids).kind, 'drop');
  const scrape = Buffer.alloc(16 + 20 * 75);
  id.copy(scrape);
  scrape.writeUInt32BE(ACTION.SCRAPE, 8);
  const tooMany = checkUdpPacket(scrape, from, ids);
  assert.equal(tooMany.kind === 'reply' && tooMany.packet.readUInt32BE(0), ACTION.ERROR);
});
