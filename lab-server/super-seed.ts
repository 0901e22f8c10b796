/**
 * Super-seeding for the lab's seeder, in the spirit of BEP 16: when the seeder's upload is the
 * bottleneck (a laptop on Wi-Fi, thirty attendees), every byte it sends should be a piece the
 * class does not have yet. webtorrent's seeder advertises every piece, so at the start, and again
 * whenever only the seeder holds some pieces, several peers fetch the same piece from it (the
 * benchmark measured ~1.8 copies of the pack leaving the seeder).
 *
 * Here the seeder pretends to hold nothing (an empty bitfield, or have-none with the fast
 * extension) and reveals pieces with `have` messages: a few per peer at a time, each the piece
 * with the fewest copies among connected peers (counting pieces already revealed to someone),
 * ties going to the lowest index. In order, not at random: a lone attendee's /join plays the
 * pack's film (its first big file) while it downloads, and with random reveals it got the film's
 * start only by chance (the film did not play within a minute). When a peer has requested every block of a piece revealed to it (or
 * reports it has that piece), it is shown another. Requests, not only `have` messages: clients
 * such as Transmission do not send `have` for a piece the other side already claims to hold,
 * and a lone peer would stall.
 * So the seeder sends each piece about once, and peers get the rest from one another.
 *
 * Attached per wire, before webtorrent sends its bitfield; it only changes what the seeder says
 * it has. Requests for any piece are still served (a peer that ignores the game loses nothing).
 * On by default for the class pack (`--no-super-seed` turns it off). An experiment that needs
 * every peer to see the whole seed (browsers picking pieces in order) calls `revealAll()`: each
 * connected peer gets a `have` for every piece it was not shown yet, and a wire still before its
 * bitfield sends the real one. A `have` cannot be taken back, so those wires stay revealed; the
 * seeder attaches new wires again once super-seeding is back on.
 */
import createDebug from 'debug';

const debug = createDebug('lab:super-seed');

/** The parts of a bittorrent-protocol wire used here. */
export interface SuperSeedWire {
  hasFast?: boolean;
  peerPieces: { get(index: number): boolean };
  bitfield(bitfield: Uint8Array | { buffer: Uint8Array }): void;
  haveAll?(): void;
  haveNone?(): void;
  have(index: number): void;
  on(event: 'have', fn: (index: number) => void): void;
  on(event: 'bitfield', fn: () => void): void;
  on(event: 'request', fn: (index: number, offset: number, length: number) => void): void;
  once(event: 'close', fn: () => void): void;
}

export interface SuperSeeding {
  attach(wire: SuperSeedWire): void;
  /**
   * Stops the game on every wire attached so far: each is told of every piece (a `have` per piece
   * not shown yet), and reveals nothing piecemeal any more. Wires attached later play again.
   */
  revealAll(): void;
  /**
   * How many `have` messages the seeder has sent in the game, to how many open wires, and how
   * many of those still hide pieces (for tests and logs).
   */
  stats(): { revealed: number; wires: number; hiding: number };
}

export function createSuperSeeding(
  torrent: { pieceCount: number; pieceLength: number; length: number },
  opts: {
    /** Pieces revealed and not yet fetched, per peer; by default see `inFlight`. */
    perPeer?: number;
    /** Break ties at random (reservoir sampling) instead of by the lowest index. */
    random?: () => number;
  } = {},
): SuperSeeding {
  const { pieceCount, pieceLength, length } = torrent;
  const pieceSize = (index: number) =>
    index === pieceCount - 1 ? length - pieceLength * (pieceCount - 1) : pieceLength;
  // By default about 16 pieces are revealed and unfetched across the class, at least 2 per
  // peer: few peers get more at once (a lone Transmission asks for newly shown pieces only
  // every so often, and with 2 it crawled at ~250 KiB/s), many peers get 2 each, which is what
  // keeps each piece leaving the seeder about once.
  const perPeer = () => opts.perPeer ?? Math.max(2, Math.ceil(16 / Math.max(1, wireCount)));
  const random = opts.random;
  /** Copies among connected peers, plus reveals not yet reported back. */
  const copies = new Int32Array(pieceCount);
  let revealedTotal = 0;
  let wireCount = 0;
  /** Per open wire still in the game: ends it (see revealAll). */
  const hiding = new Set<() => void>();

  const attach = (wire: SuperSeedWire) => {
    wireCount++;
    /** Pieces this peer is known to hold (counted in `copies`). */
    const counted = new Uint8Array(pieceCount);
    /** Pieces revealed to it and not reported back yet (also counted in `copies`). */
    const outstanding = new Set<number>();
    /** Bytes of each outstanding piece the peer has asked the seeder for. */
    const requested = new Map<number, number>();
    /** Every piece ever revealed to it: the seeder never takes a `have` back. */
    const shown = new Uint8Array(pieceCount);
    let started = false;
    let closed = false;
    /** revealAll() came: the wire is told everything, nothing more is doled out. */
    let plain = false;

    const pick = (): number => {
      let best = -1;
      let bestCopies = Infinity;
      let ties = 0;
      for (let i = 0; i < pieceCount; i++) {
        if (shown[i] || counted[i] || wire.peerPieces.get(i)) continue;
        const c = copies[i]!;
        if (c < bestCopies) {
          best = i;
          bestCopies = c;
          ties = 1;
        } else if (c === bestCopies && random && random() * ++ties < 1) {
          best = i; // reservoir sampling: each tied piece equally likely
        }
      }
      return best;
    };

    const topUp = () => {
      if (!started || closed || plain) return;
      while (outstanding.size < perPeer()) {
        const index = pick();
        if (index < 0) return;
        shown[index] = 1;
        outstanding.add(index);
        copies[index]!++;
        revealedTotal++;
        wire.have(index);
      }
    };

    const holds = (index: number) => {
      if (index < 0 || index >= pieceCount || counted[index]) return;
      counted[index] = 1;
      // A revealed piece's copy was counted when it was revealed.
      requested.delete(index);
      if (outstanding.delete(index)) return;
      copies[index]!++;
    };

    wire.on('have', (index) => {
      holds(index);
      topUp();
    });
    wire.on('request', (index, _offset, blockLength) => {
      if (!outstanding.has(index)) return;
      const bytes = (requested.get(index) ?? 0) + blockLength;
      requested.set(index, bytes);
      // Every block asked for: the piece is on its way, show the next one.
      if (bytes >= pieceSize(index)) {
        holds(index);
        topUp();
      }
    });
    wire.on('bitfield', () => {
      for (let i = 0; i < pieceCount; i++) if (wire.peerPieces.get(i)) holds(i);
      topUp();
    });
    wire.once('close', () => {
      closed = true;
      hiding.delete(endGame);
      wireCount--;
      for (const index of outstanding) copies[index]!--;
      for (let i = 0; i < pieceCount; i++) if (counted[i]) copies[i]!--;
      outstanding.clear();
      requested.clear();
    });

    // webtorrent announces its pieces once, right after the handshake: with a bitfield, or
    // have-all to a peer that speaks the fast extension. Say "nothing" instead, then reveal.
    const empty = new Uint8Array(Math.ceil(pieceCount / 8));
    const sendBitfield = wire.bitfield.bind(wire);
    const sendHaveAll = wire.haveAll?.bind(wire);
    const start = (real: () => void) => {
      if (started) return;
      started = true;
      // revealAll() came before webtorrent's first word: say the truth, as if never attached.
      if (plain) return real();
      if (wire.hasFast && wire.haveNone) wire.haveNone();
      else sendBitfield(empty);
      debug('super-seeding to a new wire');
      topUp();
    };
    wire.bitfield = (bitfield) => start(() => sendBitfield(bitfield));
    wire.haveAll = () => start(() => sendHaveAll?.());

    function endGame() {
      plain = true;
      hiding.delete(endGame);
      if (!started || closed) return;
      let told = 0;
      for (let i = 0; i < pieceCount; i++) {
        if (shown[i]) continue;
        shown[i] = 1;
        told++;
        wire.have(i);
      }
      debug('revealed all: %d more pieces to a wire', told);
    }
    hiding.add(endGame);
  };

  return {
    attach,
    revealAll: () => {
      for (const end of [...hiding]) end();
    },
    stats: () => ({ revealed: revealedTotal, wires: wireCount, hiding: hiding.size }),
  };
}
