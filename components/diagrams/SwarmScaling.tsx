'use client';

import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  boundTerms,
  clientServerAt,
  MB,
  measure,
  measureKey,
  N_MAX,
  p2pBoundAt,
  sampleNs,
  SCALING_DEFAULTS,
  SIM_PIECES,
  type BoundTerm,
  type Measured,
} from '@/lib/diagrams/scaling';
import { formatSeconds, scalingChart } from '@/lib/diagrams/scaling-chart';
import { Slider } from './controls';
import { DiagramFrame } from './DiagramFrame';
import styles from './Diagram.module.css';
import chart from './Scaling.module.css';
import { useElementSize } from './use-element-size';
import { useInView } from './use-in-view';

export interface SwarmScalingProps {
  alt: string;
  children?: ReactNode;
  /** The N the cursor starts at (1–40, default 20). */
  peers?: number;
  /** u_s in MB/s at the start (default 10). */
  serverUpload?: number;
  /** u_i in MB/s at the start (default 2). */
  peerUpload?: number;
  /** F in MB, fixed (default 100). */
  fileSize?: number;
  /** d in MB/s, every peer's download rate, fixed (default 10). */
  download?: number;
}

const BOTTLENECK: Record<BoundTerm, ReactNode> = {
  server: (
    <>
      the server sending every piece once: F/u<sub>s</sub>
    </>
  ),
  download: <>the download rate: F/d</>,
  upload: (
    <>
      everyone’s upload together: N·F/(u<sub>s</sub> + Σu<sub>i</sub>)
    </>
  ),
};

const MAX_REMEMBERED = 400;

/** Client–server against peer-to-peer as N grows: two formulas and a few simulated swarms. */
export function SwarmScaling({
  alt,
  children,
  peers = 20,
  serverUpload = SCALING_DEFAULTS.serverUpload / MB,
  peerUpload = SCALING_DEFAULTS.peerUpload / MB,
  fileSize = SCALING_DEFAULTS.fileSize / MB,
  download = SCALING_DEFAULTS.download / MB,
}: SwarmScalingProps) {
  const figureRef = useRef<HTMLElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const [n, setN] = useState(Math.max(1, Math.min(N_MAX, Math.round(peers))));
  const [us, setUs] = useState(Math.max(0.5, serverUpload));
  const [ui, setUi] = useState(Math.max(0, peerUpload));
  const [measured, setMeasured] = useState<ReadonlyMap<string, Measured>>(() => new Map());
  const inView = useInView(figureRef);
  const { width } = useElementSize(stageRef);
  const params = useMemo(
    () => ({
      fileSize: fileSize * MB,
      download: download * MB,
      serverUpload: us * MB,
      peerUpload: ui * MB,
    }),
    [fileSize, download, us, ui],
  );

  // Simulate the missing points one at a time, after the sliders rest, and only on screen.
  useEffect(() => {
    if (!inView) return;
    const next = sampleNs(n).find((k) => !measured.has(measureKey(params, k)));
    if (next === undefined) return;
    const id = setTimeout(() => {
      const result = measure(params, next);
      setMeasured((old) => {
        const map = new Map(old);
        map.set(measureKey(params, next), result);
        while (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value!);
        return map;
      });
    }, 60);
    return () => clearTimeout(id);
  }, [inView, params, n, measured]);

  const points = sampleNs(n).flatMap((k) => measured.get(measureKey(params, k)) ?? []);
  const pending = sampleNs(n).filter((k) => !measured.has(measureKey(params, k)));
  const height = Math.round(Math.max(280, Math.min(440, width * 0.5)));
  const c = width > 0 ? scalingChart(params, n, points, width, height) : null;
  const here = measured.get(measureKey(params, n));
  const cs = clientServerAt(params, n);
  const bound = p2pBoundAt(params, n);
  const { bottleneck } = boundTerms(params, n);

  return (
    <DiagramFrame alt={alt} name="swarm-scaling" caption={children} figureRef={figureRef}>
      <div ref={stageRef} className={styles.stage} style={{ minHeight: height }}>
        {c ? (
          <svg
            className={styles.svg}
            viewBox={`0 0 ${c.width} ${c.height}`}
            width={c.width}
            height={c.height}
            aria-hidden="true"
          >
            {c.yTicks.map((t) => (
              <g key={t.label}>
                <line
                  className={chart.grid}
                  x1={c.plot.x}
                  x2={c.plot.x + c.plot.w}
                  y1={t.y}
                  y2={t.y}
                />
                <text className={chart.tick} x={c.plot.x - 8} y={t.y + 4} textAnchor="end">
                  {t.label}
                </text>
              </g>
            ))}
            {c.xTicks.map((t) => (
              <text
                key={t.label}
                className={chart.tick}
                x={t.x}
                y={c.plot.y + c.plot.h + 20}
                textAnchor="middle"
              >
                {t.label}
              </text>
            ))}
            <line
              className={chart.axis}
              x1={c.plot.x}
              x2={c.plot.x + c.plot.w}
              y1={c.plot.y + c.plot.h}
              y2={c.plot.y + c.plot.h}
            />
            <text
              className={chart.axisLabel}
              x={c.plot.x + c.plot.w}
              y={c.height - 6}
              textAnchor="end"
            >
              peers N →
            </text>
            <text className={chart.axisLabel} x={c.plot.x + 6} y={c.plot.y + 12}>
              {c.width < 480 ? 'seconds' : 'seconds until every peer has the file'}
            </text>
            <line
              className={chart.cursor}
              x1={c.cursor.x}
              x2={c.cursor.x}
              y1={c.plot.y}
              y2={c.plot.y + c.plot.h}
            />
            <path className={chart.cs} d={c.clientServer} />
            <path className={chart.p2p} d={c.p2p} />
            {c.points.map((pt) => (
              <circle
                key={pt.n}
                className={chart.point}
                cx={pt.x}
                cy={pt.y}
                r={pt.n === n ? 8 : 6.5}
              >
                <title>{`N = ${pt.n}: simulated ${formatSeconds(pt.time)}, bound ${formatSeconds(pt.bound)}`}</title>
              </circle>
            ))}
            <text
              className={`${chart.endLabel} ${chart.csText}`}
              x={c.ends.clientServer.x - 6}
              y={Math.max(c.plot.y + 34, c.ends.clientServer.y - 10)}
              textAnchor="end"
            >
              client–server
            </text>
            <text
              className={`${chart.endLabel} ${chart.p2pText}`}
              x={c.ends.p2p.x - 6}
              y={c.ends.p2p.y - 12}
              textAnchor="end"
            >
              peer-to-peer lower bound
            </text>
          </svg>
        ) : null}
      </div>
      <dl className={chart.readout} aria-live="polite">
        <div>
          <dt>
            <i className={chart.mark} style={{ background: 'var(--seed)' }} />
            Client–server, N = {n}
          </dt>
          <dd data-testid="ss-client-server">{formatSeconds(cs)}</dd>
          <small>
            N·F/u<sub>s</sub>: the server sends {n} {n === 1 ? 'copy' : 'copies'}
          </small>
        </div>
        <div>
          <dt>
            <i className={chart.mark} style={{ background: 'var(--accent)' }} />
            Peer-to-peer bound T<sub>min</sub>
          </dt>
          <dd data-testid="ss-bound">{formatSeconds(bound)}</dd>
          <small>limited by {BOTTLENECK[bottleneck]}</small>
        </div>
        <div>
          <dt>
            <i className={chart.dot} />
            Simulated swarm
          </dt>
          <dd data-testid="ss-measured">{here ? formatSeconds(here.time) : 'running…'}</dd>
          <small>
            {here
              ? here.time >= here.bound * (1 - 1e-9)
                ? `≥ the bound, ${(((here.time - here.bound) / here.bound) * 100).toFixed(0)}% above it`
                : 'below the bound?!'
              : pending.length > 0
                ? `simulating ${pending.length} swarm${pending.length > 1 ? 's' : ''}`
                : ''}
          </small>
        </div>
      </dl>
      <div className={styles.sliders}>
        <Slider
          label="N, peers downloading"
          value={n}
          min={1}
          max={N_MAX}
          step={1}
          onChange={setN}
          format={(v) => `${v}`}
        />
        <Slider
          label={
            <>
              u<sub>s</sub>, server upload
            </>
          }
          value={us}
          min={1}
          max={Math.max(40, serverUpload)}
          step={0.5}
          onChange={setUs}
          format={(v) => `${v} MB/s`}
        />
        <Slider
          label={
            <>
              u<sub>i</sub>, each peer’s upload
            </>
          }
          value={ui}
          min={0}
          max={Math.max(10, peerUpload)}
          step={0.25}
          onChange={setUi}
          format={(v) => `${v} MB/s`}
        />
        <p className={styles.note}>
          Fixed: the file F = {fileSize} MB; every peer downloads at up to d = {download} MB/s.
          Points are simulated swarms of {SIM_PIECES} pieces.
        </p>
      </div>
    </DiagramFrame>
  );
}
