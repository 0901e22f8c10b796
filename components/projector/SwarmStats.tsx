import { formatBytes } from '@/lib/format';
import { pieceAvailability, workShare } from '@/lib/swarm-stats';
import type { SwarmSnapshot } from '@/lib/swarm-model';
import styles from './SwarmStats.module.css';

/** Beside the swarm: who did the work, and how many copies of each piece exist. */
export function SwarmStats({ snapshot }: { snapshot: SwarmSnapshot }) {
  const share = workShare(snapshot);
  const copies = pieceAvailability(snapshot);
  const max = Math.max(1, ...copies);
  const rarest = copies.length ? Math.min(...copies) : 0;
  const pct = Math.round(share.classFraction * 100);
  const desktops = snapshot.peers.filter((p) => p.kind === 'desktop').length;
  return (
    <section className={styles.stats} aria-label="Swarm figures">
      <div className={styles.share}>
        <p className={styles.big} data-testid="class-share">
          {share.bySeeders + share.byClass > 0 ? `${pct}%` : '–'}
        </p>
        <p className={styles.caption}>
          of the uploading was done by the class
          <br />
          <span className="muted">
            class {formatBytes(share.byClass)} · seeder {formatBytes(share.bySeeders)}
          </span>
          {desktops >= 2 ? (
            <>
              <br />
              <span className="muted" data-testid="class-share-desktop-note">
                Desktop clients trading with each other are not counted: the lab sees only its
                seeder’s wires and the browsers’ reports.
              </span>
            </>
          ) : null}
        </p>
        <div className={styles.split} aria-hidden="true">
          <span className={styles.classBar} style={{ width: `${pct}%` }} />
        </div>
      </div>
      <div>
        <p className={styles.title}>
          Copies of each piece <span className="muted">(rarest: {rarest})</span>
        </p>
        <svg
          className={styles.chart}
          viewBox={`0 0 ${Math.max(copies.length, 1)} ${max}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={`Piece availability: between ${rarest} and ${max} copies per piece`}
        >
          {copies.map((c, i) => (
            <rect
              key={i}
              x={i}
              y={max - c}
              width={0.92}
              height={c}
              className={c === rarest ? styles.rare : styles.bar}
            />
          ))}
        </svg>
      </div>
    </section>
  );
}
