'use client';

import { SwarmCircle } from '@/components/projector/SwarmCircle';
import { useSwarm } from '@/components/projector/use-swarm';
import { JoinQr } from './JoinQr';
import { useSlideView } from './slide-view';
import { swarmSummary } from './swarm-summary';
import styles from './Live.module.css';

/**
 * The class swarm, live, inside a slide: every laptop a node, data flowing along the links,
 * with the join QR code beside it (`join={false}` leaves it out).
 */
export function LiveSwarm({ join = true }: { join?: boolean }) {
  const { mode } = useSlideView();
  return (
    <div className={`${styles.live} ${join ? '' : styles.wide}`}>
      {mode === 'thumbnail' ? <SwarmStill /> : <SwarmLive />}
      {join ? <JoinQr /> : null}
    </div>
  );
}

function SwarmLive() {
  const { snapshot, connected } = useSwarm();
  const summary = swarmSummary(snapshot);
  return (
    <div className={styles.swarm} data-testid="slide-live-swarm">
      <SwarmCircle snapshot={snapshot} />
      <p className={styles.readout}>
        {connected ? (
          <>
            <strong>{summary.peers}</strong> {summary.peers === 1 ? 'peer' : 'peers'} ·{' '}
            <strong>{Math.floor(summary.averageProgress * 100)}%</strong> on average
          </>
        ) : (
          'Connecting to the lab…'
        )}
      </p>
    </div>
  );
}

/** A still drawing for thumbnails: a seed in the middle and a ring of peers. */
function SwarmStill() {
  const peers = Array.from({ length: 8 }, (_, i) => {
    const a = (i / 8) * Math.PI * 2 - Math.PI / 2;
    return { x: 50 + 34 * Math.cos(a), y: 50 + 34 * Math.sin(a) };
  });
  return (
    <div className={styles.swarm}>
      <svg
        viewBox="0 0 100 100"
        className={styles.stillSvg}
        role="img"
        aria-label="The live swarm (shown when this slide is on screen)"
      >
        {peers.map((p, i) => (
          <line key={`l${i}`} x1={50} y1={50} x2={p.x} y2={p.y} className={styles.stillEdge} />
        ))}
        {peers.map((p, i) => (
          <circle key={`c${i}`} cx={p.x} cy={p.y} r={5} className={styles.stillPeer} />
        ))}
        <circle cx={50} cy={50} r={8} className={styles.stillSeed} />
      </svg>
    </div>
  );
}
