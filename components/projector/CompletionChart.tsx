'use client';

import { useState } from 'react';
import { completionFigures, type CompletionFigures, type CompletionTrack } from '@/lib/completion';
import { formatBytes, formatRate } from '@/lib/format';
import type { SwarmSnapshot } from '@/lib/swarm-model';
import styles from './CompletionChart.module.css';

const W = 800;
const H = 250;
const PAD = { left: 56, right: 24, top: 40, bottom: 48 };

/** Seconds as a projector reads them: "9.5 s", "48 s", "3 min 5 s". */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '–';
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.round(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** A round axis maximum with four or five ticks. */
function axis(max: number): { top: number; ticks: number[] } {
  const raw = Math.max(max, 1) / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const top = Math.ceil(max / step) * step || step;
  return { top, ticks: Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step) };
}

/**
 * How long the whole class needs: one server alone, the best any swarm could do, and when each
 * of you actually finished. A plain SVG with large type, readable from the back of a room.
 */
export function CompletionChart({
  track,
  snapshot,
}: {
  track: CompletionTrack;
  snapshot: SwarmSnapshot;
}) {
  const live = completionFigures(track, snapshot);
  // When the last classmate leaves, the figures are exactly what the class should discuss: keep
  // this round's last ones on screen instead of going back to "waiting".
  // (State adjusted while rendering, as React's docs describe: no effect, no extra frame.)
  const round = `${track.infoHash} ${track.roundAt} ${track.startedAt}`;
  const [kept, setKept] = useState<{ round: string; figures: CompletionFigures } | null>(null);
  const liveJson = live ? JSON.stringify(live) : null;
  if (live && (kept?.round !== round || JSON.stringify(kept.figures) !== liveJson))
    setKept({ round, figures: live });
  const f = live ?? (kept?.round === round ? kept.figures : null);
  if (!f) {
    return (
      <section className={styles.chart} aria-label="Completion time" data-testid="completion-chart">
        <h2 className={styles.title}>How long until everyone has the file?</h2>
        <p className={styles.waiting}>
          The chart starts when the first classmate joins and the seeder starts sending.
        </p>
      </section>
    );
  }
  const finishes = [...track.finishes].sort((a, b) => a.seconds - b.seconds);
  const done = f.finished >= f.n;
  const lastFinish = finishes.at(-1)?.seconds ?? 0;
  const x = axis(Math.max(f.clientServer, f.p2p, lastFinish, done ? 0 : f.elapsed) * 1.2);
  const yMax = Math.max(f.n, finishes.length + track.finishedUnseen.length, 1);
  const px = (s: number) => PAD.left + (Math.min(s, x.top) / x.top) * (W - PAD.left - PAD.right);
  const py = (k: number) => H - PAD.bottom - (k / yMax) * (H - PAD.top - PAD.bottom);
  const offset = track.finishedUnseen.length;
  const steps = finishes.map((fin, i) => `${px(fin.seconds)},${py(offset + i + 1)}`);
  const path = finishes.length
    ? `M ${px(0)},${py(offset)} ` +
      finishes.map((fin, i) => `H ${px(fin.seconds)} V ${py(offset + i + 1)}`).join(' ')
    : '';
  return (
    <section className={styles.chart} aria-label="Completion time" data-testid="completion-chart">
      <h2 className={styles.title}>
        How long until all {f.n} {f.n === 1 ? 'peer has' : 'peers have'} the{' '}
        {formatBytes(f.fileSize)} file?
      </h2>
      {live ? null : (
        <p className={styles.waiting} data-testid="completion-kept">
          Everyone has left: these are the figures from when the class was last here.
        </p>
      )}
      <dl className={styles.figures}>
        <div className={styles.cs}>
          <dt>One server alone</dt>
          <dd data-testid="client-server-time">{formatSeconds(f.clientServer)}</dd>
        </div>
        <div className={styles.p2p}>
          <dt>Best possible swarm</dt>
          <dd data-testid="p2p-time">{formatSeconds(f.p2p)}</dd>
        </div>
        <div className={styles.actual}>
          <dt>
            This class: {f.finished} of {f.n} done
          </dt>
          <dd data-testid="actual-time">
            {done && finishes.length ? formatSeconds(lastFinish) : formatSeconds(f.elapsed)}
            {done ? '' : ' so far'}
          </dd>
        </div>
      </dl>
      <svg
        className={styles.svg}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Peers finished over time. One server alone: ${formatSeconds(f.clientServer)}; best possible swarm: ${formatSeconds(f.p2p)}; ${f.finished} of ${f.n} finished.`}
      >
        {x.ticks.map((t) => (
          <g key={t}>
            <line className={styles.grid} x1={px(t)} x2={px(t)} y1={PAD.top} y2={H - PAD.bottom} />
            <text className={styles.tick} x={px(t)} y={H - PAD.bottom + 26} textAnchor="middle">
              {t}
            </text>
          </g>
        ))}
        <text className={styles.tick} x={W - PAD.right} y={H - 4} textAnchor="end">
          seconds since the first peer joined
        </text>
        <text className={styles.tick} x={PAD.left - 12} y={py(yMax) + 8} textAnchor="end">
          {yMax}
        </text>
        <text className={styles.tick} x={PAD.left - 12} y={py(0) + 8} textAnchor="end">
          0
        </text>
        <text
          className={styles.tick}
          transform={`translate(18 ${(PAD.top + H - PAD.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          done
        </text>
        <line className={styles.axis} x1={PAD.left} x2={W - PAD.right} y1={py(0)} y2={py(0)} />
        <line className={styles.axis} x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={py(0)} />
        {!done ? (
          <line
            className={styles.now}
            x1={px(f.elapsed)}
            x2={px(f.elapsed)}
            y1={PAD.top}
            y2={py(0)}
          />
        ) : null}
        <line
          className={styles.csLine}
          x1={px(f.clientServer)}
          x2={px(f.clientServer)}
          y1={PAD.top - 6}
          y2={py(0)}
        />
        <line
          className={styles.p2pLine}
          x1={px(f.p2p)}
          x2={px(f.p2p)}
          y1={PAD.top - 6}
          y2={py(0)}
        />
        {/* The swarm line is never right of the server line: label it leftwards, the server rightwards. */}
        <text className={styles.p2pLabel} x={px(f.p2p) - 8} y={PAD.top - 12} textAnchor="end">
          swarm
        </text>
        <text className={styles.csLabel} x={px(f.clientServer) + 8} y={PAD.top - 12}>
          server
        </text>
        {path ? <path className={styles.steps} d={path} /> : null}
        {steps.map((pt, i) => {
          const [cx, cy] = pt.split(',').map(Number);
          return (
            <circle key={finishes[i]!.id} className={styles.dot} cx={cx} cy={cy} r={8}>
              <title>
                {finishes[i]!.nickname || 'anonymous'}: {formatSeconds(finishes[i]!.seconds)}
              </title>
            </circle>
          );
        })}
      </svg>
      <ul className={styles.legend}>
        <li className={styles.cs}>
          <b>Server line</b>: the seeder sends {f.n === 1 ? 'the one copy' : `all ${f.n} copies`}{' '}
          itself at {formatRate(f.seedUpload)} (N·F / u<sub>s</sub>).
        </li>
        <li className={styles.p2p}>
          <b>Swarm line</b>: the fastest possible when everyone also uploads (
          {formatRate(f.classUpload)} from the class), at the best speeds we measured.
        </li>
        <li className={styles.actual}>
          <b>Dots</b>: a classmate finished. The closer to the swarm line, the better we shared.
        </li>
      </ul>
    </section>
  );
}
