import type { PieceSource } from '@/lib/browser/class-peer';
import styles from './PieceMap.module.css';

/** One square per piece: grey while missing, then coloured by who sent it (or kept from a reload). */
export function PieceMap({ pieces }: { pieces: (PieceSource | null)[] }) {
  const fromSeeder = pieces.filter((p) => p === 'seeder').length;
  const fromPeers = pieces.filter((p) => p === 'peer').length;
  const kept = pieces.filter((p) => p === 'kept').length;
  return (
    <figure className={styles.figure}>
      <div
        className={styles.grid}
        role="img"
        aria-label={`Piece map: ${fromSeeder + fromPeers + kept} of ${pieces.length} pieces verified`}
        data-testid="piece-map"
      >
        {pieces.map((p, i) => (
          <span
            key={i}
            className={`${styles.piece} ${p ? styles[p] : ''}`}
            data-piece={p ?? 'missing'}
          />
        ))}
      </div>
      <figcaption className={styles.legend}>
        <span>
          <i className={`${styles.swatch} ${styles.seeder}`} /> from the seeder ({fromSeeder})
        </span>
        <span>
          <i className={`${styles.swatch} ${styles.peer}`} /> from classmates ({fromPeers})
        </span>
        {kept > 0 ? (
          <span>
            <i className={`${styles.swatch} ${styles.kept}`} /> kept in this browser ({kept})
          </span>
        ) : null}
        <span>
          <i className={styles.swatch} /> missing ({pieces.length - fromSeeder - fromPeers - kept})
        </span>
      </figcaption>
    </figure>
  );
}
