import { layoutSwarm, piePath } from '@/lib/swarm-layout';
import { progressOf, type SwarmSnapshot } from '@/lib/swarm-model';
import styles from './SwarmCircle.module.css';

const W = 900;
const H = 900;

/** The swarm as a picture: the seeder in the middle, every peer on a circle, data flowing along links. */
export function SwarmCircle({ snapshot }: { snapshot: SwarmSnapshot }) {
  const nodes = layoutSwarm(snapshot, W, H);
  const maxRate = Math.max(1, ...snapshot.edges.map((e) => e.rate));
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className={styles.svg}
      role="img"
      aria-label={`Swarm of ${snapshot.peers.length} peers`}
    >
      <g>
        {snapshot.edges.map((e) => {
          const a = nodes.get(e.from);
          const b = nodes.get(e.to);
          if (!a || !b) return null;
          const active = e.rate > 0;
          // From rim to rim, so a link never runs over a node or its label.
          const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
          const ux = (b.x - a.x) / len;
          const uy = (b.y - a.y) / len;
          return (
            <line
              key={`${e.from}>${e.to}`}
              x1={a.x + ux * a.r}
              y1={a.y + uy * a.r}
              x2={b.x - ux * b.r}
              y2={b.y - uy * b.r}
              className={`${styles.edge} ${active ? styles.active : ''} ${a.peer.kind === 'seeder' ? styles.fromSeed : styles.fromPeer}`}
              strokeWidth={active ? 2 + (6 * e.rate) / maxRate : 1.5}
            />
          );
        })}
      </g>
      {[...nodes.values()].map(({ peer, x, y, r }) => {
        const progress = peer.kind === 'seeder' ? 1 : progressOf(peer, snapshot.torrent);
        return (
          <g key={peer.id} data-peer={peer.nickname} data-progress={Math.floor(progress * 100)}>
            <circle cx={x} cy={y} r={r} className={`${styles.node} ${styles[peer.kind]}`} />
            <path
              d={piePath(x, y, r - 4, progress)}
              className={peer.kind === 'seeder' ? styles.seedFill : styles.fill}
            />
            <text x={x} y={y + r + 24} className={styles.label} textAnchor="middle">
              {peer.nickname || 'anonymous'}
            </text>
            {peer.kind !== 'seeder' ? (
              <text x={x} y={y + r + 46} className={styles.sub} textAnchor="middle">
                {Math.floor(progress * 100)}%{peer.kind === 'desktop' ? ' · desktop' : ''}
              </text>
            ) : (
              <text x={x} y={y + 7} className={styles.seedLabel} textAnchor="middle">
                seed
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
