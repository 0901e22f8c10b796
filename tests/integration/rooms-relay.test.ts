/**
 * The lab's STUN and TURN with real Chromium, each browser on its own classroom host (run through
 * tests/support/in-classroom.ts, so this process is the lab host). Two laptops on a Wi-Fi with
 * client isolation reach each other only through the lab's relay, and the pair ICE picked says
 * "relay"; with the relay off they do not connect at all; two laptops on an ordinary LAN connect
 * directly. The ICE servers are the ones /api/lab hands a page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from '@playwright/test';
import type { IceServer, LabInfo } from '../../lib/lab-info';
import { launchIn } from '../support/chromium';
import { joinClassroom, type Classroom, type ClassroomHost } from '../support/classroom';
import { startTestLab, type TestLab } from '../support/lab';

interface PairResult {
  open: boolean;
  local?: string;
  remote?: string;
  echoed?: string;
}

async function blankPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.goto('about:blank');
  return page;
}

/**
 * One data channel from page a to page b, signalled through this test (no trickle: each side
 * waits for its candidates), with the given ICE servers; what ICE selected, from getStats().
 */
async function connect(a: Page, b: Page, iceServers: IceServer[], timeoutMs = 20_000) {
  const offer = await a.evaluate(async (servers) => {
    const pc = new RTCPeerConnection({ iceServers: servers });
    const w = window as unknown as Record<string, unknown>;
    w.pc = pc;
    w.channel = pc.createDataChannel('test');
    await pc.setLocalDescription(await pc.createOffer());
    await new Promise<void>((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve();
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') resolve();
      });
    });
    return pc.localDescription!.toJSON();
  }, iceServers);
  const answer = await b.evaluate(
    async ({ servers, offer }) => {
      const pc = new RTCPeerConnection({ iceServers: servers });
      const w = window as unknown as Record<string, unknown>;
      w.pc = pc;
      pc.addEventListener('datachannel', (e) => {
        e.channel.onmessage = (m) => e.channel.send(`echo:${String(m.data)}`);
      });
      await pc.setRemoteDescription(offer);
      await pc.setLocalDescription(await pc.createAnswer());
      await new Promise<void>((resolve) => {
        if (pc.iceGatheringState === 'complete') return resolve();
        pc.addEventListener('icegatheringstatechange', () => {
          if (pc.iceGatheringState === 'complete') resolve();
        });
      });
      return pc.localDescription!.toJSON();
    },
    { servers: iceServers, offer },
  );
  return a.evaluate(
    async ({ answer, timeoutMs }): Promise<PairResult> => {
      const w = window as unknown as { pc: RTCPeerConnection; channel: RTCDataChannel };
      await w.pc.setRemoteDescription(answer);
      const opened = await new Promise<boolean>((resolve) => {
        if (w.channel.readyState === 'open') return resolve(true);
        w.channel.onopen = () => resolve(true);
        setTimeout(() => resolve(false), timeoutMs);
      });
      if (!opened) return { open: false };
      const echoed = await new Promise<string>((resolve) => {
        w.channel.onmessage = (m) => resolve(String(m.data));
        w.channel.send('hello');
      });
      const stats = await w.pc.getStats();
      let pairId: string | undefined;
      stats.forEach((s: { type: string; selectedCandidatePairId?: string }) => {
        if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
      });
      const pair = pairId ? stats.get(pairId) : undefined;
      // No named helpers in here: tsx would wrap them in a __name() the page does not have.
      const kinds = pair
        ? [pair.localCandidateId, pair.remoteCandidateId].map(
            (id: string) => (stats.get(id) as { candidateType?: string }).candidateType,
          )
        : [];
      return { open: true, echoed, local: kinds[0], remote: kinds[1] };
    },
    { answer, timeoutMs },
  );
}

describe('ICE in a classroom, with real Chromium on each host', () => {
  let room: Classroom;
  let lab: TestLab;
  let stunOnly: TestLab;
  const browsers: Browser[] = [];
  let isolatedA: ClassroomHost, isolatedB: ClassroomHost, plainA: ClassroomHost;
  let plainB: ClassroomHost;

  before(async () => {
    room = joinClassroom();
    isolatedA = room.addHost({ label: 'isoa', isolated: true });
    isolatedB = room.addHost({ label: 'isob', isolated: true });
    plainA = room.addHost({ label: 'plaina' });
    plainB = room.addHost({ label: 'plainb' });
    lab = await startTestLab();
    stunOnly = await startTestLab({ relay: false });
  });
  after(async () => {
    for (const b of browsers) await b.close();
    await lab?.close();
    await stunOnly?.close();
    await room?.close();
  });

  const iceFor = async (l: TestLab) =>
    ((await (await fetch(`${l.base}/api/lab`)).json()) as LabInfo).iceServers;

  async function pages(x: ClassroomHost, y: ClassroomHost): Promise<[Page, Page]> {
    const bx = await launchIn(x);
    const by = await launchIn(y);
    browsers.push(bx, by);
    return [await blankPage(bx), await blankPage(by)];
  }

  test('isolated laptops connect through the lab’s relay, and ICE says so', async () => {
    const [a, b] = await pages(isolatedA, isolatedB);
    const before = lab.lab.ice()?.stats().turn?.relayedBytes ?? 0;
    const result = await connect(a, b, await iceFor(lab));
    assert.equal(result.open, true, 'the data channel opened');
    assert.equal(result.echoed, 'echo:hello');
    assert.ok(
      result.local === 'relay' || result.remote === 'relay',
      `selected pair ${result.local}/${result.remote}`,
    );
    assert.ok((lab.lab.ice()?.stats().turn?.relayedBytes ?? 0) > before, 'bytes crossed the relay');
  });

  test('with the relay off, isolated laptops cannot connect at all', async () => {
    const [a, b] = await pages(isolatedA, isolatedB);
    const result = await connect(a, b, await iceFor(stunOnly), 12_000);
    assert.equal(result.open, false);
  });

  test('laptops on an ordinary LAN connect directly', async () => {
    const [a, b] = await pages(plainA, plainB);
    const result = await connect(a, b, await iceFor(lab));
    assert.equal(result.open, true);
    assert.notEqual(result.local, 'relay');
    assert.notEqual(result.remote, 'relay');
  });
});
