import styles from './SlideFrame.module.css';

const CX = 250;
const CY = 250;
const R = 180;
/** Seven peers on a ring, each with how much of the file it has. */
const PEERS = [0.85, 0.3, 0.6, 1, 0.15, 0.5, 0.7].map((have, i) => {
  const a = -Math.PI / 2 + (i * 2 * Math.PI) / 7;
  return { x: CX + R * Math.cos(a), y: CY + R * Math.sin(a), have };
});

/** A slice of a circle: `have` of the way round, from 12 o'clock. */
function pie(x: number, y: number, r: number, have: number): string {
  if (have >= 1)
    return `M ${x - r} ${y} a ${r} ${r} 0 1 0 ${2 * r} 0 a ${r} ${r} 0 1 0 ${-2 * r} 0`;
  const a = -Math.PI / 2 + have * 2 * Math.PI;
  const large = have > 0.5 ? 1 : 0;
  return `M ${x} ${y} L ${x} ${y - r} A ${r} ${r} 0 ${large} 1 ${x + r * Math.cos(a)} ${y + r * Math.sin(a)} Z`;
}

/** The cover slide's picture: a small swarm, the seed in the middle, pieces flowing. */
export function CoverArt() {
  const p = (i: number) => PEERS[i]!;
  return (
    <svg className={styles.coverArt} viewBox="0 0 500 500" aria-hidden="true">
      <circle cx={CX} cy={CY} r={140} className={styles.artDisc} />
      <circle cx={CX} cy={CY} r={R} className={styles.artRing} />
      <circle cx={CX} cy={CY} r={235} className={styles.artOuter} />
      {PEERS.map((peer, i) => (
        <line key={i} x1={CX} y1={CY} x2={peer.x} y2={peer.y} className={styles.artEdge} />
      ))}
      <line x1={CX} y1={CY} x2={p(1).x} y2={p(1).y} className={styles.artSeedFlow} />
      <line x1={CX} y1={CY} x2={p(4).x} y2={p(4).y} className={styles.artSeedFlow} />
      <line x1={p(3).x} y1={p(3).y} x2={p(2).x} y2={p(2).y} className={styles.artFlow} />
      <line x1={p(0).x} y1={p(0).y} x2={p(6).x} y2={p(6).y} className={styles.artFlow} />
      <line x1={p(3).x} y1={p(3).y} x2={p(5).x} y2={p(5).y} className={styles.artFlow} />
      {PEERS.map((peer, i) => (
        <g key={i}>
          <circle cx={peer.x} cy={peer.y} r={24} className={styles.artPeer} />
          <path d={pie(peer.x, peer.y, 17, peer.have)} className={styles.artFill} />
        </g>
      ))}
      <circle cx={CX} cy={CY} r={46} className={styles.artSeed} />
    </svg>
  );
}
