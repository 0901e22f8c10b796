/**
 * /check's measurements, in the attendee's browser: HTTP, socket.io and the WebSocket tracker of
 * the lab, the ICE candidate types this browser gathers with the lab's STUN/TURN, and WebRTC to
 * the seeder and to a classmate through a short-lived WebTorrent client on the class torrent
 * (nothing is kept: the client is destroyed at the end). lib/network-check.ts gives the verdict.
 */
import { io, type Socket } from 'socket.io-client';
import { CandidateTypeSchema, type CandidateType } from '../connectivity';
import type { IceServer } from '../lab-info';
import type { ClientToServerEvents, ConnectivityView, ServerToClientEvents } from '../protocol';
import type { CheckResults, Probe, WireProbe } from '../network-check';
import { ensureSubtleDigest } from './subtle-digest';
import { selectedPairTypes, type TorrentWithPeers } from './wire-connectivity';

const STEP_MS = 8000;
const CLASSMATE_MS = 20_000;

interface LabAnswer {
  trackers: { ws: string };
  iceServers?: IceServer[];
}

interface CheckWire {
  peerId: string | null;
}
interface CheckTorrent extends TorrentWithPeers {
  on(event: 'wire', fn: (wire: CheckWire) => void): void;
}
interface CheckClient {
  add(file: Uint8Array, opts: { announce: string[] }): CheckTorrent;
  destroy(): void;
}

function timed<T>(work: () => Promise<T>, ms = STEP_MS): Promise<Probe & { value?: T }> {
  const start = performance.now();
  return Promise.race([
    work().then(
      (value) => ({ ok: true, ms: Math.round(performance.now() - start), value }),
      (err: unknown) => ({ ok: false, detail: err instanceof Error ? err.message : String(err) }),
    ),
    new Promise<Probe>((resolve) =>
      setTimeout(() => resolve({ ok: false, detail: `no answer within ${ms / 1000} s` }), ms),
    ),
  ]);
}

export async function gatherCandidateTypes(iceServers: IceServer[]): Promise<CandidateType[]> {
  if (typeof RTCPeerConnection === 'undefined') return [];
  const pc = new RTCPeerConnection({ iceServers });
  const types = new Set<CandidateType>();
  pc.createDataChannel('check');
  await new Promise<void>((resolve) => {
    const done = setTimeout(resolve, STEP_MS);
    pc.onicecandidate = (e) => {
      if (!e.candidate) {
        clearTimeout(done);
        return resolve();
      }
      const t = CandidateTypeSchema.safeParse(e.candidate.type);
      if (t.success) types.add(t.data);
    };
    void pc.createOffer().then((o) => pc.setLocalDescription(o));
  });
  pc.close();
  return [...types];
}

export async function runNetworkCheck(
  origin: string,
  onStep: (partial: Partial<CheckResults>) => void,
): Promise<CheckResults> {
  ensureSubtleDigest();
  const httpProbe = await timed(async () => {
    const res = await fetch(`${origin}/api/lab`, { cache: 'no-store' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as LabAnswer;
  });
  const { value: lab, ...http } = httpProbe;
  onStep({ http });
  const failed: Probe = { ok: false, detail: 'not tried: the lab did not answer' };
  if (!lab)
    return {
      http,
      socket: failed,
      tracker: failed,
      candidates: [],
      seeder: failed,
      classmate: null,
    };

  // The live-updates probe also asks the lab how the class's wires connected (for the verdict).
  const { value: view, ...socket } = await timed(
    () =>
      new Promise<ConnectivityView>((resolve, reject) => {
        const s: Socket<ServerToClientEvents, ClientToServerEvents> = io(origin, {
          transports: ['websocket'],
          reconnection: false,
        });
        s.on('connect', () =>
          s.emit('connectivity:watch', (v) => {
            s.disconnect();
            resolve(v);
          }),
        );
        s.on('connect_error', (err) => reject(err));
      }),
  );
  const room = view?.classmates ?? null;
  onStep({ socket });

  const { value: _t, ...tracker } = await timed(
    () =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(lab.trackers.ws);
        ws.onopen = () => {
          ws.close();
          resolve();
        };
        ws.onerror = () => reject(new Error('the WebSocket did not open'));
      }),
  );
  onStep({ tracker });

  const candidates = await gatherCandidateTypes(lab.iceServers ?? []);
  onStep({ candidates });

  const { seeder, classmate } = await probeWires(origin, lab);
  const results = { http, socket, tracker, candidates, seeder, classmate, room };
  onStep(results);
  return results;
}

async function probeWires(
  origin: string,
  lab: LabAnswer,
): Promise<{ seeder: WireProbe; classmate: WireProbe | null }> {
  const [swarm, file] = await Promise.all([
    fetch(`${origin}/api/swarm`, { cache: 'no-store' }).then(
      (r) => r.json() as Promise<{ peers: { id: string; kind: string }[] }>,
    ),
    fetch(`${origin}/class.torrent?for=browser`, { cache: 'no-store' }).then((r) =>
      r.arrayBuffer(),
    ),
  ]);
  const seederIds = new Set(swarm.peers.filter((p) => p.kind === 'seeder').map((p) => p.id));
  const classmatesOnline = swarm.peers.some((p) => p.kind === 'browser' || p.kind === 'bot');
  if (typeof RTCPeerConnection === 'undefined') {
    const off = { ok: false, detail: 'this browser has no WebRTC' };
    return { seeder: off, classmate: classmatesOnline ? off : null };
  }
  const { default: WebTorrent } = (await import('webtorrent/dist/webtorrent.min.js')) as {
    default: new (opts: unknown) => CheckClient;
  };
  const client = new WebTorrent({ tracker: { rtcConfig: { iceServers: lab.iceServers ?? [] } } });
  const start = performance.now();
  const torrent = client.add(new Uint8Array(file), { announce: [lab.trackers.ws] });
  let seeder: WireProbe = { ok: false, detail: 'no WebRTC connection to the seeder' };
  let classmate: WireProbe | null = classmatesOnline
    ? { ok: false, detail: 'no WebRTC connection to a classmate' }
    : null;

  const describe = async (peerId: string): Promise<WireProbe> => {
    const ms = Math.round(performance.now() - start);
    const peer = [...(torrent._peers?.values() ?? [])].find((p) => p.wire?.peerId === peerId);
    const pc = peer?.conn?._pc;
    const types = pc ? await selectedPairTypes(pc).catch(() => null) : null;
    return { ok: true, ms, ...(types ?? {}) };
  };
  await new Promise<void>((resolve) => {
    const deadline = setTimeout(resolve, classmatesOnline ? CLASSMATE_MS : STEP_MS * 2);
    const finish = () => {
      if (seeder.ok && (classmate === null || classmate.ok)) {
        clearTimeout(deadline);
        resolve();
      }
    };
    torrent.on('wire', (wire) => {
      const id = wire.peerId;
      if (!id) return;
      // ICE has picked its pair once the wire is up; a moment later getStats() reports it.
      setTimeout(() => {
        void describe(id).then((probe) => {
          if (seederIds.has(id)) seeder = seeder.ok ? seeder : probe;
          else if (!classmate?.ok) classmate = probe;
          finish();
        });
      }, 300);
    });
  });
  client.destroy();
  return { seeder, classmate };
}
