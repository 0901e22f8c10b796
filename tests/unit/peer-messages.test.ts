import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainWarning, PEER_MESSAGES } from '../../lib/browser/peer-messages';

test('tracker connection failures become one plain sentence', () => {
  assert.equal(
    explainWarning('Error connecting to ws://10.0.0.2:3000/announce: WebSocket error'),
    PEER_MESSAGES.trackerDown,
  );
  assert.equal(explainWarning('tracker request timed out (announce)'), PEER_MESSAGES.trackerDown);
});

test('noise is dropped and anything else is shown as it is', () => {
  assert.equal(explainWarning('Unsupported tracker protocol: udp://10.0.0.2:3000'), null);
  assert.equal(explainWarning('Piece 3 failed verification'), 'Piece 3 failed verification');
});

test("a classmate's failed WebRTC offer under load is not the tracker being down", () => {
  // bittorrent-tracker's websocket client words a failed peer offer like this.
  for (const m of [
    'Connection error: Ice connection failed.',
    'Connection error: Connection failed.',
    'Connection error: Transport channel closed',
  ])
    assert.equal(explainWarning(m), null);
  assert.notEqual(
    explainWarning('WebSocket tracker sent a warning: slow down'),
    PEER_MESSAGES.trackerDown,
  );
});
