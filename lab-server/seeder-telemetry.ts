/**
 * Puts what the seeder sees on its own wires into the swarm model: the seeder itself, and the
 * desktop clients (which never talk to the hub) with their client name, progress from their
 * have messages, and the bytes the seeder sent them.
 *
 * A desktop client that finishes and hangs up (aria2 with --seed-time=0, a client the attendee
 * closes) stays on the projector for `lingerMs` after its last wire closed, with the last pieces
 * it announced: otherwise a peer that reached 100% would vanish the moment it got there.
 */
import { bitfieldFrom, bitfieldToBase64, fullBitfield } from '../lib/bitfield';
import { clientFromPeerId } from '../lib/peer-id';
import type { SwarmModel } from '../lib/swarm-model';
import type { SeededTorrent, WireView } from './seeder';

export interface SeederTelemetry {
  sync(): void;
  close(): void;
  /** Stops, and takes the seeder and its desktop peers out of the model (seeder stopped, new round). */
  forget(): void;
  /** Takes one desktop peer out of the model now (the instructor kicked it). */
  drop(peerId: string): void;
}

export function createSeederTelemetry(opts: {
  model: SwarmModel;
  seederId: string;
  torrent: SeededTorrent;
  uploadRate: () => number;
  intervalMs?: number;
  /** How long a desktop peer stays in the model after its last wire closed (default 60 s). */
  lingerMs?: number;
}): SeederTelemetry {
  const { model, seederId, torrent } = opts;
  const lingerMs = opts.lingerMs ?? 60_000;
  /** Desktop peers in the model: when the seeder last saw a wire to each, and whether it is open. */
  const desktop = new Map<string, { lastSeen: number; open: boolean }>();

  model.upsertPeer({
    id: seederId,
    kind: 'seeder',
    nickname: 'Instructor seeder',
    client: clientFromPeerId(seederId),
    bitfield: bitfieldToBase64(fullBitfield(torrent.pieceCount)),
  });

  const isDesktop = (w: WireView) =>
    (w.transport === 'tcp' || w.transport === 'utp') && w.peerId !== seederId;

  const record = (w: WireView, now: number) => {
    desktop.set(w.peerId, { lastSeen: now, open: true });
    model.upsertPeer({
      id: w.peerId,
      kind: 'desktop',
      nickname: clientFromPeerId(w.peerId),
      client: clientFromPeerId(w.peerId),
      address: w.address,
      bitfield: bitfieldToBase64(bitfieldFrom(torrent.pieceCount, w.peerHas)),
      downloaded: w.uploaded,
    });
    model.setIncomingEdges(w.peerId, [{ from: seederId, bytes: w.uploaded, rate: w.uploadRate }]);
  };

  // A client on a fast LAN can fetch the whole pack between two polls; its wire's last view
  // still puts it on the projector. Marked open here; the next sync sees it gone and quiets it.
  torrent.onWireClosed((w) => {
    if (isDesktop(w)) record(w, Date.now() - 1);
  });

  const sync = () => {
    const wires = torrent.wires();
    let uploaded = 0;
    const now = Date.now();
    for (const w of wires) {
      uploaded += w.uploaded;
      if (isDesktop(w)) record(w, now);
    }
    for (const [id, seen] of desktop) {
      if (seen.lastSeen === now) continue;
      if (seen.open) {
        // Just hung up: no more data flows to it, but it keeps its place and pieces a while.
        seen.open = false;
        model.setIncomingEdges(id, []);
        model.upsertPeer({ id, uploadRate: 0, downloadRate: 0 });
      }
      if (now - seen.lastSeen >= lingerMs) {
        model.removePeer(id);
        desktop.delete(id);
      }
    }
    model.upsertPeer({ id: seederId, uploaded, uploadRate: opts.uploadRate() });
  };

  const timer = setInterval(sync, opts.intervalMs ?? 500);
  timer.unref();
  const close = () => clearInterval(timer);
  const forget = () => {
    close();
    model.removePeer(seederId);
    for (const id of desktop.keys()) model.removePeer(id);
    desktop.clear();
  };
  const drop = (peerId: string) => {
    desktop.delete(peerId);
    model.removePeer(peerId);
  };
  return { sync, close, forget, drop };
}
