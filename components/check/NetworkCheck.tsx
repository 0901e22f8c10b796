'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { CandidateType } from '@/lib/connectivity';
import { checkVerdict, type CheckResults, type Probe, type WireProbe } from '@/lib/network-check';
import styles from './NetworkCheck.module.css';

const CANDIDATE_WORDS: Record<CandidateType, string> = {
  host: 'host (its own address)',
  srflx: "reflexive (its address as the lab's STUN sees it)",
  prflx: 'peer-reflexive',
  relay: "relay (through the lab's TURN)",
};

function probeText(p: Probe | WireProbe | null | undefined, none = 'not tried'): string {
  if (p === undefined) return 'checking…';
  if (p === null) return none;
  if (!p.ok) return `failed${p.detail ? `: ${p.detail}` : ''}`;
  const pair = 'local' in p && p.local ? `, ${p.local} ↔ ${p.remote}` : '';
  return `ok in ${p.ms} ms${pair}`;
}

/** /check: measures what this browser can reach (lib/browser/network-check-run.ts), then says. */
export function NetworkCheck() {
  const [r, setR] = useState<Partial<CheckResults>>({});
  const [done, setDone] = useState<CheckResults | null>(null);

  useEffect(() => {
    let live = true;
    void import('@/lib/browser/network-check-run').then(({ runNetworkCheck }) =>
      runNetworkCheck(window.location.origin, (partial) => {
        if (live) setR((prev) => ({ ...prev, ...partial }));
      }).then((results) => {
        if (live) setDone(results);
      }),
    );
    return () => {
      live = false;
    };
  }, []);

  const verdict = done ? checkVerdict(done) : null;
  const rows: [string, string, string][] = [
    ['http', 'The lab over HTTP', probeText(r.http)],
    ['socket', 'Live updates (socket.io)', probeText(r.socket)],
    ['tracker', 'The WebSocket tracker', probeText(r.tracker)],
    [
      'candidates',
      'ICE candidates this browser has',
      r.candidates === undefined
        ? 'checking…'
        : r.candidates.length
          ? r.candidates.map((c) => CANDIDATE_WORDS[c]).join(', ')
          : 'none',
    ],
    ['seeder', 'WebRTC to the instructor’s seeder', probeText(r.seeder)],
    ['classmate', 'WebRTC to a classmate', probeText(r.classmate, 'no classmate online to try')],
  ];
  return (
    <div>
      <dl className={`card ${styles.results}`}>
        {rows.map(([id, label, value]) => (
          <div key={id} className={styles.row}>
            <dt>{label}</dt>
            <dd data-testid={`check-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {verdict ? (
        <section
          className={`card ${styles.verdict}`}
          data-testid="check-verdict"
          data-level={verdict.level}
          role="status"
        >
          <h2>{verdict.headline}</h2>
          {verdict.advice.map((a) => (
            <p key={a}>{a}</p>
          ))}
          {verdict.level !== 'blocked' ? (
            <p>
              <Link className="button" href="/join">
                Join the class swarm
              </Link>
            </p>
          ) : null}
        </section>
      ) : (
        <p className="muted" role="status">
          Checking… (up to half a minute)
        </p>
      )}
    </div>
  );
}
