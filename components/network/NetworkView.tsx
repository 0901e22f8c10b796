'use client';

import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import { readInstructorToken } from '@/lib/browser/instructor-token';
import { ENCRYPTION_LABELS, type CapturedConnection } from '@/lib/wire-encryption';
import { useExperiments } from '@/components/instructor/use-experiments';
import { EncryptionControl } from './EncryptionControl';
import { WireBytes } from './WireBytes';
import { useWires } from './use-wires';
import styles from './Network.module.css';

/** Connections shown in full; older ones get one line each. */
const SHOWN = 4;

const OUTCOME: Record<CapturedConnection['outcome'], string> = {
  open: 'handshake under way',
  plaintext: 'plaintext: readable',
  encrypted: 'encrypted: MSE, RC4',
  refused: 'refused by the seeder',
  failed: 'no connection',
};

/**
 * "What the network sees": the first bytes of each desktop client's connection to the seeder,
 * both ways, as someone on the Wi-Fi reads them; the encryption switch if this tab has the token.
 */
export function NetworkView() {
  const { view, connected } = useWires();
  // The token lives in this tab's address or session: known only in the browser.
  const instructor = useSyncExternalStore(
    noSubscription,
    () => readInstructorToken() !== null,
    () => false,
  );
  const connections = view?.connections ?? [];
  // Full cards for connections that carried bytes; attempts that never did get one line each.
  const cards = connections.filter((c) => c.received || c.sent).slice(0, SHOWN);
  const lines = connections.filter((c) => !cards.includes(c));
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div>
          <h1>What the network sees</h1>
          <p className={styles.lead}>
            The first bytes of each desktop client’s connection to the seeder, as anyone on this
            Wi-Fi can read them.
          </p>
        </div>
        <p className={styles.modeBadge} data-testid="encryption-mode" data-mode={view?.mode}>
          Seeder encryption: <strong>{view ? ENCRYPTION_LABELS[view.mode] : '…'}</strong>
        </p>
      </header>
      {!connected ? <p className={styles.offline}>Connecting to the lab…</p> : null}
      {instructor ? <InstructorSwitch /> : null}
      {connections.length === 0 ? (
        <p className={styles.empty} data-testid="no-connections">
          No desktop client has connected yet. Start aria2, Transmission, qBittorrent or another
          client with the class torrent from <Link href="/desktop">/desktop</Link>; browsers use
          WebRTC, which is always encrypted.
        </p>
      ) : null}
      <div className={styles.grid}>
        {cards.map((c) => (
          <ConnectionCard key={c.id} connection={c} />
        ))}
      </div>
      {lines.length ? (
        <ul className={styles.older} aria-label="Other connections">
          {lines.map((c) => (
            <li key={c.id} data-outcome={c.outcome}>
              <span className={`${styles.badge} ${styles[c.outcome]}`}>{OUTCOME[c.outcome]}</span>{' '}
              {name(c)}
              {c.reason ? ` · ${c.reason}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      <p className={`muted ${styles.foot}`}>
        Encryption hides what is in these bytes, not that they flow: the address, the timing and the
        sizes of a peer-to-peer connection stay visible, and the tracker still sees every announce.{' '}
        <Link href="/learn/privacy-and-safety#protocol-encryption-msepe">The lesson</Link> ·{' '}
        <Link href="/projector">Projector</Link>
      </p>
    </div>
  );
}

const noSubscription = () => () => {};

function InstructorSwitch() {
  const control = useExperiments();
  return (
    <section className={styles.control}>
      <EncryptionControl control={control} />
      {control.error ? (
        <p className={styles.error} role="alert">
          {control.error}
        </p>
      ) : null}
    </section>
  );
}

function name(c: CapturedConnection): string {
  const who = c.client ?? 'A client (not identified)';
  const how = `${c.transport.toUpperCase()}, ${c.direction === 'incoming' ? 'it dialled the seeder' : 'the seeder dialled it'}`;
  return `${who}${c.address ? ` at ${c.address}` : ''} · ${how}`;
}

function ConnectionCard({ connection: c }: { connection: CapturedConnection }) {
  return (
    <article className={styles.card} data-testid="wire-connection" data-outcome={c.outcome}>
      <header className={styles.cardHead}>
        <span className={`${styles.badge} ${styles[c.outcome]}`}>{OUTCOME[c.outcome]}</span>
        <span className={styles.who}>{name(c)}</span>
      </header>
      {c.reason ? <p className={styles.reason}>{c.reason}</p> : null}
      <div className={styles.sides}>
        <WireBytes title="Client → seeder" hex={c.received} infoHash={c.infoHash} />
        <WireBytes title="Seeder → client" hex={c.sent} infoHash={c.infoHash} />
      </div>
    </article>
  );
}
