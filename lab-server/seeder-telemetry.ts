/**
 * Puts what the seeder sees on its own wires into the swarm model: the seeder itself, and the
 * desktop clients (which never talk to the hub) with their client name, progress from their
 * have messages, and the bytes the seeder sent them.
 *
 * Every figure here is cumulative for the round. The seeder's total is webtorrent's own count,
 * which keeps the bytes of closed wires (summing open wires made it go down, 77.6 → 61.0 MB);
 * a desktop client's pieces and bytes add up over all its wires and reconnections.
 *
 * A desktop client is one entry per host and listen port (desktop-identity.ts), whatever peer
 * ids and wires it used. It stays on the projector while the tracker still lists it — clients
 * that finish hang up on a seeder (seed to seed is useless) yet keep seeding to the class — and
 * for `lingerMs` after both its last wire closed and the tracker stopped listing it. A client the
 * tracker lists as complete (`left=0`) is shown at 100%: libtorrent does not send a seeder `have`
 * messages for pieces it already has, so its wire alone left it short of the end.
 */
import {
  bitfieldToBase64,
  countPieces,
  emptyBitfield,
  fullBitfield,
  hasPiece,
  setPiece,
} from '../lib/bitfield';
import { clientFromPeerId } from '../lib/peer-id';
import type { SwarmModel } from '../lib/swarm-model';
import {
  desktopKey,
  formatAddress,
  listenPortOf,
  trackerEntryOf,
  type ListedPeer,
} from './desktop-identity';
import type { SeededTorrent, WireView } from './seeder';

export interface SeederTelemetry {
  sync(): void;
  close(): void;
  /** Stops, and takes the seeder and its desktop peers out of the model (seeder stopped, new round). */
  forget(): void;
  /**
   * Takes one desktop peer out of the model now (the instructor kicked it), and returns every
   * peer id it used, so the seeder can close and refuse them all.
   */
  drop(peerId: string): string[];
  /** Bytes the seeder has sent this round so far (to carry over a pause of the seeder). */
  uploaded(): number;
}

interface Desktop {
  /** Its id in the model: the first peer id it used. */
  id: string;
  peerIds: Set<string>;
  address: string | null;
  client: string;
  /** Every piece it has announced on any of its wires. */
  pieces: Uint8Array;
  /** Bytes the seeder sent it on wires now closed. */
  closedBytes: number;
  /** On its open wires, at the last sync. */
  openBytes: number;
  openRate: number;
  openWires: number;
  lastSeen: number;
}

export function createSeederTelemetry(opts: {
  model: SwarmModel;
  seederId: string;
  torrent: SeededTorrent;
  uploadRate: () => number;
  intervalMs?: number;
  /** How long a desktop peer stays in the model once nothing shows it is there (default 60 s). */
  lingerMs?: number;
  /** Who the lab's tracker lists in this torrent's swarm now. */
  listed?: () => ListedPeer[];
  /** Bytes the seeder sent earlier in this round, before the instructor paused it. */
  uploadedBefore?: number;
}): SeederTelemetry {
  const { model, seederId, torrent } = opts;
  const lingerMs = opts.lingerMs ?? 60_000;
  const uploadedBefore = opts.uploadedBefore ?? 0;
  const byKey = new Map<string, Desktop>();
  /** The key each peer id was last filed under (it may be re-filed once its listen port is known). */
  const keyOfPeer = new Map<string, string>();
  /** Wires whose bytes are already in their client's `closedBytes`. */
  const closedWires = new Set<number>();
  const { pieceCount } = torrent;
  const listed = () => opts.listed?.() ?? [];

  model.upsertPeer({
    id: seederId,
    kind: 'seeder',
    nickname: 'Instructor seeder',
    client: clientFromPeerId(seederId),
    bitfield: bitfieldToBase64(fullBitfield(pieceCount)),
  });

  const isDesktop = (w: WireView) =>
    (w.transport === 'tcp' || w.transport === 'utp') && w.peerId !== seederId;

  /** Folds `from` into `into`: one client seen under two keys. */
  const absorb = (into: Desktop, from: Desktop) => {
    for (const id of from.peerIds) into.peerIds.add(id);
    for (let i = 0; i < into.pieces.length; i++) into.pieces[i]! |= from.pieces[i]!;
    into.closedBytes += from.closedBytes;
    into.openBytes += from.openBytes;
    into.openRate += from.openRate;
    into.openWires += from.openWires;
    into.lastSeen = Math.max(into.lastSeen, from.lastSeen);
    if (from.id !== into.id) model.removePeer(from.id);
  };

  const entryFor = (w: WireView, list: ListedPeer[], now: number): Desktop => {
    const port = listenPortOf(w, list);
    const prevKey = keyOfPeer.get(w.peerId);
    // A later wire of a known peer id that carries no listen port stays where it was filed.
    const key = port === null && prevKey ? prevKey : desktopKey(w, list);
    let entry = byKey.get(key);
    const prev = prevKey && prevKey !== key ? byKey.get(prevKey) : undefined;
    if (prev) {
      byKey.delete(prevKey!);
      if (entry) absorb(entry, prev);
      else byKey.set(key, (entry = prev));
    }
    if (!entry) {
      entry = {
        id: w.peerId,
        peerIds: new Set(),
        address: w.host ? formatAddress(w.host, port) : null,
        client: clientFromPeerId(w.peerId),
        pieces: emptyBitfield(pieceCount),
        closedBytes: 0,
        openBytes: 0,
        openRate: 0,
        openWires: 0,
        lastSeen: now,
      };
      byKey.set(key, entry);
    }
    if (w.host && port) entry.address = formatAddress(w.host, port);
    entry.peerIds.add(w.peerId);
    for (const id of entry.peerIds) keyOfPeer.set(id, key);
    for (let i = 0; i < pieceCount; i++) if (w.peerHas(i)) setPiece(entry.pieces, i);
    return entry;
  };

  /** Bytes of the pieces it holds: what it has received in all, from the seeder and classmates. */
  const bytesHeld = (pieces: Uint8Array) => {
    const have = countPieces(pieces, pieceCount);
    const lastShort = pieceCount * torrent.pieceLength - torrent.length;
    const lastHeld = pieceCount > 0 && hasPiece(pieces, pieceCount - 1);
    return have * torrent.pieceLength - (lastHeld ? lastShort : 0);
  };

  const publish = (d: Desktop, complete: boolean) => {
    const pieces = complete ? fullBitfield(pieceCount) : d.pieces;
    const fromSeeder = d.closedBytes + d.openBytes;
    model.upsertPeer({
      id: d.id,
      kind: 'desktop',
      nickname: d.client,
      client: d.client,
      address: d.address,
      bitfield: bitfieldToBase64(pieces),
      // Its pieces came from the seeder or from classmates (the seeder sees only its own share).
      downloaded: Math.max(fromSeeder, bytesHeld(pieces)),
      downloadRate: d.openRate,
      uploadRate: 0,
    });
    model.setIncomingEdges(
      d.id,
      d.openWires > 0 ? [{ from: seederId, bytes: fromSeeder, rate: d.openRate }] : [],
    );
  };

  // A client on a fast LAN can fetch the whole pack between two polls: its wire's last view
  // still puts it on the projector, and its bytes are kept.
  torrent.onWireClosed((w) => {
    if (!isDesktop(w) || closedWires.has(w.wireId)) return;
    closedWires.add(w.wireId);
    const now = Date.now();
    const entry = entryFor(w, listed(), now);
    entry.closedBytes += w.uploaded;
    entry.lastSeen = now;
  });

  const sync = () => {
    const now = Date.now();
    const list = listed();
    for (const d of byKey.values()) {
      d.openBytes = 0;
      d.openRate = 0;
      d.openWires = 0;
    }
    for (const w of torrent.wires()) {
      if (!isDesktop(w) || closedWires.has(w.wireId)) continue;
      const d = entryFor(w, list, now);
      d.openBytes += w.uploaded;
      d.openRate += w.uploadRate;
      d.openWires += 1;
      d.lastSeen = now;
    }
    for (const [key, d] of byKey) {
      const tracked = trackerEntryOf(d.peerIds, d.address, list);
      if (tracked) d.lastSeen = now;
      if (d.openWires === 0 && now - d.lastSeen >= lingerMs) {
        model.removePeer(d.id);
        byKey.delete(key);
        for (const id of d.peerIds) if (keyOfPeer.get(id) === key) keyOfPeer.delete(id);
        continue;
      }
      publish(d, tracked?.complete === true);
    }
    model.upsertPeer({ id: seederId, uploaded: uploaded(), uploadRate: opts.uploadRate() });
  };

  const uploaded = () => uploadedBefore + torrent.uploaded();

  const timer = setInterval(sync, opts.intervalMs ?? 500);
  timer.unref();
  const close = () => clearInterval(timer);
  const forget = () => {
    close();
    model.removePeer(seederId);
    for (const d of byKey.values()) model.removePeer(d.id);
    byKey.clear();
    keyOfPeer.clear();
  };
  const drop = (peerId: string) => {
    const key = keyOfPeer.get(peerId);
    const d = key ? byKey.get(key) : undefined;
    if (!d || !key) {
      model.removePeer(peerId);
      return [peerId];
    }
    byKey.delete(key);
    for (const id of d.peerIds) keyOfPeer.delete(id);
    model.removePeer(d.id);
    return [...d.peerIds];
  };
  return { sync, close, forget, drop, uploaded };
}
