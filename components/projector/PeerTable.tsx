import { formatRate } from '@/lib/format';
import { progressOf, type SwarmSnapshot } from '@/lib/swarm-model';
import styles from './Projector.module.css';

export function PeerTable({
  snapshot,
  showAddresses = false,
  freeRiders = [],
  connectable = {},
}: {
  /** Desktop clients the lab dialled at their announced port: connectable or not, and why. */
  connectable?: Record<string, { connectable: boolean; reason: string }>;
  snapshot: SwarmSnapshot;
  /** Peer ids the instructor made free-riders: they download but upload nothing. */
  freeRiders?: string[];
  /** Only when the instructor switched it on: every peer sees these anyway, but a projector shows them to the room. */
  showAddresses?: boolean;
}) {
  const peers = [...snapshot.peers].sort((a, b) => a.joinedAt - b.joinedAt);
  return (
    <ul className={styles.peerList} data-testid="peer-list">
      {peers.map((p) => {
        const progress = p.kind === 'seeder' ? 1 : progressOf(p, snapshot.torrent);
        const freeRider = freeRiders.includes(p.id);
        return (
          <li
            key={p.id}
            className={styles.peerRow}
            data-nickname={p.nickname}
            data-progress={Math.floor(progress * 100)}
            data-free-rider={freeRider || undefined}
          >
            <span className={`${styles.dot} ${styles[p.kind]}`} aria-hidden="true" />
            <span className={styles.peerName}>
              {p.nickname || 'anonymous'}
              {freeRider ? (
                <span className={styles.freeRider} data-testid="free-rider-badge">
                  free-rider
                </span>
              ) : null}
              {connectable[p.id] ? (
                <span
                  className={styles.peerAddress}
                  data-testid="connectable"
                  data-connectable={connectable[p.id]!.connectable}
                  title={connectable[p.id]!.reason}
                >
                  {connectable[p.id]!.connectable
                    ? 'connectable'
                    : `not connectable (${connectable[p.id]!.reason.split(':')[0]})`}
                </span>
              ) : null}
              {showAddresses && p.address ? (
                <span className={styles.peerAddress} data-testid="peer-address">
                  {p.address}
                </span>
              ) : null}
            </span>
            <span className={styles.peerBar}>
              <span style={{ width: `${progress * 100}%` }} />
            </span>
            <span className={styles.peerPct}>{Math.floor(progress * 100)}%</span>
            <span className={styles.peerRate}>↑ {formatRate(p.uploadRate)}</span>
          </li>
        );
      })}
    </ul>
  );
}
