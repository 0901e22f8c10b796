'use client';

import { useMemo, useRef, useState, type ReactNode } from 'react';
import { chokingChart } from '@/lib/diagrams/choking-chart';
import {
  CHOKING_DEFAULTS,
  describeRound,
  frameAt,
  roundAt,
  regularSlots,
  simulateChoking,
} from '@/lib/diagrams/choking-model';
import { Button, Icon, PlayButton, Select } from './controls';
import { DiagramFrame } from './DiagramFrame';
import styles from './Diagram.module.css';
import ch from './Choking.module.css';
import { useAnimationLoop } from './use-animation-loop';
import { useElementSize } from './use-element-size';
import { useInView } from './use-in-view';
import { useReducedMotion } from './use-reduced-motion';

export interface ChokingTimelineProps {
  alt: string;
  children?: ReactNode;
  /** Seeds the order in which the optimistic slot visits peers, and small rate jitter. */
  seed?: number;
  /** Upload slots in all, the optimistic one included (default 4: three regular). */
  slots?: number;
  /** Start playing when on screen (default true; never with prefers-reduced-motion). */
  autoPlay?: boolean;
}

const SPEEDS = [1, 2, 5, 10].map((s) => ({ value: s, label: `${s}×` }));

/** One uploader's upload slots over two minutes: who is unchoked, why, and for how long. */
export function ChokingTimeline({
  alt,
  children,
  seed = CHOKING_DEFAULTS.seed,
  slots = CHOKING_DEFAULTS.slots,
  autoPlay = true,
}: ChokingTimelineProps) {
  const figureRef = useRef<HTMLElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const tl = useMemo(() => simulateChoking({ seed, slots }), [seed, slots]);
  const { duration, rechoke, peers } = tl.options;
  const reduced = useReducedMotion();
  const inView = useInView(figureRef);
  const { width } = useElementSize(stageRef);
  // Reduced motion: start with the first round shown, still; the reader steps from there.
  const [t, setT] = useState<number | null>(null);
  const [playing, setPlaying] = useState<boolean | null>(null);
  const [speed, setSpeed] = useState(5);
  const time = t ?? (reduced ? rechoke : 0);
  const isPlaying = (playing ?? (autoPlay && !reduced)) && time < duration;

  useAnimationLoop(isPlaying && inView, (_now, dt) => {
    setT((old) => Math.min(duration, (old ?? time) + (dt / 1000) * speed));
  });

  const jump = (to: number) => {
    setPlaying(false);
    setT(Math.max(0, Math.min(duration, to)));
  };
  // The latest rounds, newest first: what just changed stays readable for a while.
  const latest = tl.rounds.indexOf(roundAt(tl, time));
  const recent = tl.rounds.slice(Math.max(0, latest - 2), latest + 1).reverse();
  const frame = frameAt(tl, time);
  const c = width > 0 ? chokingChart(tl, width, time) : null;
  const maxRate = Math.max(
    ...peers.map((p) => Math.max(p.rate, ...(p.changes ?? []).map((x) => x.rate))),
  );

  return (
    <DiagramFrame alt={alt} name="choking-timeline" caption={children} figureRef={figureRef}>
      {/* Reserves the chart's height before its width is known, so nothing jumps on load. */}
      <div
        ref={stageRef}
        className={styles.stage}
        style={{ minHeight: 30 + peers.length * 36 + 30 }}
      >
        {c ? (
          <svg
            className={styles.svg}
            viewBox={`0 0 ${c.width} ${c.height}`}
            width={c.width}
            height={c.height}
            aria-hidden="true"
          >
            <text className={ch.head} x={0} y={16}>
              peer
            </text>
            <text className={ch.head} x={c.plot.x} y={16}>
              {c.rate.w > 100 ? 'your upload slots over time' : 'your slots'}
            </text>
            <text className={ch.head} x={c.rate.x + c.rate.w} y={16} textAnchor="end">
              {c.rate.w > 100 ? 'uploads to you' : 'KB/s'}
            </text>
            {c.rows.map((row) => (
              <rect
                key={row.y}
                className={ch.rowBg}
                x={c.plot.x}
                y={row.y + 6}
                width={c.plot.w}
                height={c.rowH - 12}
                rx={4}
              />
            ))}
            {c.grid.map((g) => (
              <line
                key={g.t}
                className={g.rotation ? ch.rotation : ch.gridline}
                x1={g.x}
                x2={g.x}
                y1={c.top}
                y2={c.top + c.rows.length * c.rowH}
              />
            ))}
            {c.rows.map((row, i) => (
              <g key={peers[i]!.id}>
                <text
                  className={ch.name}
                  x={0}
                  y={row.y + c.rowH / 2 + (peers[i]!.freeRider ? -1 : 5)}
                >
                  {peers[i]!.id}
                </text>
                {peers[i]!.freeRider ? (
                  <text className={ch.tag} x={0} y={row.y + c.rowH / 2 + 13}>
                    free-rider
                  </text>
                ) : null}
                {row.spans.map((s) => (
                  <rect
                    key={s.x}
                    className={ch[s.status]}
                    x={s.x}
                    y={row.y + 6}
                    width={Math.max(1, s.w)}
                    height={c.rowH - 12}
                    rx={3}
                  />
                ))}
                {c.rate.w > 100 ? (
                  <rect
                    className={ch.rateBar}
                    x={c.rate.x}
                    y={row.y + c.rowH / 2 - 5}
                    width={Math.max(0, ((c.rate.w - 58) * frame.rates[i]!) / maxRate)}
                    height={10}
                    rx={3}
                  />
                ) : null}
                <text
                  className={ch.rateText}
                  x={c.rate.x + c.rate.w}
                  y={row.y + c.rowH / 2 + 5}
                  textAnchor="end"
                >
                  {Math.round(frame.rates[i]!)}
                </text>
              </g>
            ))}
            {c.xTicks.map((tick) => (
              <text
                key={tick.label}
                className={ch.tick}
                x={tick.x}
                y={c.height - 8}
                textAnchor="middle"
              >
                {tick.label}
              </text>
            ))}
            <line
              className={ch.cursor}
              x1={c.cursorX}
              x2={c.cursorX}
              y1={c.top - 4}
              y2={c.top + c.rows.length * c.rowH}
            />
            <circle className={ch.cursorDot} cx={c.cursorX} cy={c.top - 4} r={4} />
          </svg>
        ) : null}
      </div>
      <div className={ch.legend}>
        <span>
          <i className={styles.swatch} style={{ background: 'var(--ok)' }} />
          {regularSlots(tl.options)} regular slots (tit-for-tat, every {rechoke} s)
        </span>
        <span>
          <i className={styles.swatch} style={{ background: 'var(--d-violet)' }} />1 optimistic
          slot, one of the {tl.options.slots} (moves every {tl.options.optimistic} s)
        </span>
        <span>
          <i
            className={styles.swatch}
            style={{ background: 'var(--surface-2)', border: '1px solid var(--border)' }}
          />
          choked
        </span>
        <span>rates in KB/s</span>
      </div>
      <ol className={ch.events} aria-live="polite" data-testid="ct-events">
        {recent.map((r, i) => (
          <li key={r.t} className={i === 0 ? ch.latest : undefined}>
            <span className={ch.eventTime}>{r.t} s</span>
            {describeRound(tl, r)}
          </li>
        ))}
      </ol>
      <div className={styles.toolbar}>
        <div className={styles.group}>
          <PlayButton
            playing={isPlaying}
            onToggle={() => {
              if (!isPlaying && time >= duration) setT(0);
              setPlaying(!isPlaying);
            }}
          />
          <Button
            onClick={() => jump(Math.ceil(time / rechoke - 1) * rechoke)}
            disabled={time <= 0}
            label="Previous round"
          >
            <Icon name="back" />
            Back
          </Button>
          <Button
            onClick={() => jump((Math.floor(time / rechoke + 1e-9) + 1) * rechoke)}
            disabled={time >= duration}
            label="Next round"
          >
            <Icon name="step" />
            Next round
          </Button>
          <Button onClick={() => jump(0)}>
            <Icon name="reset" />
            Restart
          </Button>
          <Select label="Speed" value={speed} options={SPEEDS} onChange={setSpeed} />
        </div>
        <span className={`${styles.stat} muted`} data-testid="ct-time">
          t = {Math.floor(time)} s of {duration} s
        </span>
      </div>
    </DiagramFrame>
  );
}
