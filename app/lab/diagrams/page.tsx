import type { Metadata } from 'next';
import {
  ChokingTimeline,
  DhtLookup,
  HandshakeSequence,
  PieceExchange,
  SwarmScaling,
} from '@/components/diagrams';

export const metadata: Metadata = {
  title: 'Diagrams',
  description: 'Every interactive diagram of the lessons on one page.',
};

/** A gallery of the lessons' interactive diagrams, for authors, rehearsals and the e2e test. */
export default function DiagramsPage() {
  return (
    <main className="container" style={{ paddingTop: '2rem', paddingBottom: '4rem' }}>
      <h1>Interactive diagrams</h1>
      <p className="muted">
        Each one runs on the in-browser simulator or a small model, needs no network, pauses when
        scrolled away and starts still if your system asks for reduced motion.
      </p>

      <h2 id="piece-exchange">Piece exchange</h2>
      <PieceExchange alt="A simulated swarm: a seed and seven peers trade the pieces of one file">
        The seed (top) has every piece. Each card is a peer’s piece map; squares fly along the links
        as pieces complete. The bars in the middle count the copies of each piece in the swarm.
      </PieceExchange>

      <h2 id="swarm-scaling">Client–server vs peer-to-peer</h2>
      <SwarmScaling alt="Distribution time against the number of peers, for a server alone and for a swarm">
        A server alone needs N·F/u<sub>s</sub>: twice the peers, twice the time. In a swarm every
        downloader also uploads, and the time levels off.
      </SwarmScaling>

      <h2 id="handshake">The peer wire protocol</h2>
      <HandshakeSequence alt="The messages two peers exchange, from the handshake to the first piece">
        Every message after the handshake is a 4-byte length, a 1-byte id and a payload (BEP 3).
      </HandshakeSequence>

      <h2 id="choking">Choking and tit-for-tat</h2>
      <ChokingTimeline alt="Which peers one uploader unchokes over two minutes">
        Three regular slots go to the peers that upload most to us, recomputed every 10 s; the
        fourth, optimistic slot rotates every 30 s and is this uploader’s only way in for a
        free-rider.
      </ChokingTimeline>

      <h2 id="dht">A DHT lookup</h2>
      <DhtLookup alt="A Kademlia lookup walking towards the nodes closest to an info hash">
        Each round asks the three closest nodes we know; each answer brings us nodes sharing a
        longer prefix with the target, until the closest ones answer get_peers with peers.
      </DhtLookup>
    </main>
  );
}
