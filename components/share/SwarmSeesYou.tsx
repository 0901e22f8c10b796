'use client';

import { useEffect, useState } from 'react';
import { clientFromPeerId } from '@/lib/peer-id';
import styles from './Share.module.css';

/** Peer ids travel as 40 hex characters; the first 8 bytes are readable (e.g. "-WW0300-"). */
function readablePrefix(peerIdHex: string): string {
  let out = '';
  for (let i = 0; i < 16; i += 2) {
    const code = parseInt(peerIdHex.slice(i, i + 2), 16);
    out += code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : '·';
  }
  return out;
}

/**
 * What the swarm sees about you: the address your requests come from (the tracker sees it on
 * every announce, and peers see it when they connect) and the peer id your client sends, whose
 * first bytes name the client program.
 */
export function SwarmSeesYou({ peerId }: { peerId: string | null }) {
  const [address, setAddress] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetch('/api/whoami', { cache: 'no-store' })
      .then((r) => r.json() as Promise<{ address: string }>)
      .then((r) => live && setAddress(r.address))
      .catch(() => live && setAddress(null));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section
      className={`card ${styles.sees}`}
      data-testid="swarm-sees-you"
      aria-labelledby="sees-title"
    >
      <h3 id="sees-title" className={styles.sectionTitle}>
        What the swarm sees about you
      </h3>
      <dl className={styles.facts}>
        <div>
          <dt>Your address</dt>
          <dd data-testid="my-address">{address ?? '…'}</dd>
        </div>
        <div>
          <dt>Client</dt>
          <dd>{peerId ? clientFromPeerId(peerId) : '…'}</dd>
        </div>
        <div className={styles.wide}>
          <dt>Peer id</dt>
          <dd className={styles.mono}>
            {peerId ? (
              <>
                <span className={styles.prefix}>{readablePrefix(peerId)}</span> {peerId}
              </>
            ) : (
              '…'
            )}
          </dd>
        </div>
      </dl>
      <p className="muted">
        The tracker records this address with every announce and hands it to other peers, and every
        peer you connect to sees it too. That is how a public swarm reveals who shares what. Here it
        stays on the classroom network, and the projector shows addresses only if the instructor
        turns that on.
      </p>
    </section>
  );
}
