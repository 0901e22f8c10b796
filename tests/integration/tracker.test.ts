/**
 * The tracker's own rules, each reproduced against a real lab (or a real tracker) on 127.0.0.1:
 * the allow-list it owns, strict announce parameters, WebSocket messages validated before the
 * stock server sees them, peer ids bound to the connection that announced them, scrape replies
 * with raw info-hash keys, BEP 15 connection ids and a cap on WebSocket message size.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { NOT_IN_CLASS, createTracker } from '../../lab-server/tracker';
import { startTestLab } from '../support/lab';
import { announceUrl, failureOf, randomPeerId, trackerGet } from '../support/tracker-client';

const LOOPBACK = { host: '127.0.0.1', publicAddress: '127.0.0.1' } as const;

describe('the tracker owns its allow-list', () => {
  test('allow() starts tracking a torrent, forbid() refuses it again', async () => {
    const tracker = createTracker();
    const http = createServer((req, res) => {
      if (!tracker.handleHttp(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      const infoHash = randomBytes(20).toString('hex');
      const url = () => announceUrl(base, infoHash, randomPeerId(), 40001);
      assert.equal(failureOf((await trackerGet(url())).body), NOT_IN_CLASS);
      tracker.allow(infoHash);
      assert.equal(tracker.isAllowed(infoHash), true);
      assert.equal(failureOf((await trackerGet(url())).body), null);
      tracker.forbid(infoHash);
      assert.equal(failureOf((await trackerGet(url())).body), NOT_IN_CLASS);
    } finally {
      await tracker.close();
      await new Promise((resolve) => http.close(resolve));
    }
  });

  test('the lab allows its class torrent through the tracker', async () => {
    const t = await startTestLab(LOOPBACK);
    try {
      const infoHash = t.running.info.torrent!.infoHash;
      const reply = await trackerGet(announceUrl(t.base, infoHash, randomPeerId(), 40002));
      assert.equal(failureOf(reply.body), null);
    } finally {
      await t.close();
    }
  });
});
