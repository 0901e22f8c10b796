/**
 * Puts what the seeder sees on its own wires into the swarm model: the seeder itself, and the
 * desktop clients (which never talk to the hub) with their client name, progress from their
 * have messages, and the bytes the seeder sent them.
 */
import { bitfieldFrom, bitfieldToBase64, fullBitfield } from '../lib/bitfield';
import { clientFromPeerId } from '../lib/peer-id';
import type { SwarmModel } from '../lib/swarm-model';
import type { SeededTorrent } from './seeder';

export interface SeederTelemetry {
  sync(): void;
  close(): void;
}

export function createSeederTelemetry(opts: {
  model: SwarmModel;
  seederId: string;
  torrent: SeededTorrent;
  uploadRate: () => number;
  intervalMs?: number;
}): SeederTelemetry {
  const { model, seederId, torrent } = opts;
  const desktop = new Set<string>();

  model.upsertPeer({
    id: seederId,
    kind: 'seeder',
    nickname: 'Instructor seeder',
    client: clientFromPeerId(seederId),
    bitfield: bitfieldToBase64(fullBitfield(torrent.pieceCount)),
  });

  const sync = () => {
    const wires = torrent.wires();
    let uploaded = 0;
    const seen = new Set<string>();
    for (const w of wires) {
      uploaded += w.uploaded;
      if (w.transport !== 'tcp' && w.transport !== 'utp') continue;
      seen.add(w.peerId);
      desktop.add(w.peerId);
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
    }
    for (const id of desktop) {
      if (!seen.has(id)) {
        model.removePeer(id);
        desktop.delete(id);
      }
    }
    model.upsertPeer({ id: seederId, uploaded, uploadRate: opts.uploadRate() });
  };

  const timer = setInterval(sync, opts.intervalMs ?? 500);
  timer.unref();
  return { sync, close: () => clearInterval(timer) };
}
