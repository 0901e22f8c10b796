/**
 * SwarmScaling's chart as geometry for an SVG of a given pixel size: axes with round ticks,
 * the two curves as path data, the simulated points and the reader's N as a cursor.
 */
import { linearScale, niceMax, ticks } from './axis';
import {
  clientServerAt,
  curves,
  N_MAX,
  p2pBoundAt,
  type Measured,
  type ScalingParams,
} from './scaling';

export interface ScalingChart {
  width: number;
  height: number;
  plot: { x: number; y: number; w: number; h: number };
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  clientServer: string;
  p2p: string;
  /** Where each curve ends, to label it there. */
  ends: { clientServer: { x: number; y: number }; p2p: { x: number; y: number } };
  points: (Measured & { x: number; y: number })[];
  cursor: { n: number; x: number; clientServerY: number; p2pY: number };
  yMax: number;
}

export function formatSeconds(t: number): string {
  if (!Number.isFinite(t)) return '∞';
  if (t >= 100) return `${Math.round(t)} s`;
  if (t >= 10) return `${t.toFixed(1)} s`;
  return `${t.toFixed(2)} s`;
}

const pathOf = (pts: { x: number; y: number }[]) =>
  pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('');

export function scalingChart(
  p: ScalingParams,
  picked: number,
  measured: readonly Measured[],
  width: number,
  height: number,
  nMax = N_MAX,
): ScalingChart {
  const narrow = width < 480;
  const plot = {
    x: narrow ? 46 : 64,
    y: narrow ? 24 : 16,
    w: Math.max(10, width - (narrow ? 46 : 64) - (narrow ? 12 : 24)),
    h: Math.max(10, height - (narrow ? 24 : 16) - 52),
  };
  const { clientServer, p2p } = curves(p, nMax);
  const top = Math.max(
    clientServer.at(-1)?.t ?? 1,
    ...p2p.map((c) => c.t),
    ...measured.filter((m) => Number.isFinite(m.time)).map((m) => m.time),
  );
  const count = Math.max(3, Math.round(plot.h / 60));
  const yMax = niceMax(top * 1.05, count);
  const x = linearScale([0, nMax], [plot.x, plot.x + plot.w]);
  const y = linearScale([0, yMax], [plot.y + plot.h, plot.y]);
  const xy = (c: { n: number; t: number }) => ({ x: x(c.n), y: y(c.t) });
  const xCount = Math.max(2, Math.round(plot.w / 90));
  return {
    width,
    height,
    plot,
    xTicks: ticks(nMax, xCount).map((v) => ({ x: x(v), label: String(v) })),
    yTicks: ticks(yMax, count).map((v) => ({ y: y(v), label: String(v) })),
    clientServer: pathOf(clientServer.map(xy)),
    p2p: pathOf(p2p.map(xy)),
    ends: { clientServer: xy(clientServer.at(-1)!), p2p: xy(p2p.at(-1)!) },
    points: measured
      .filter((m) => Number.isFinite(m.time) && m.n <= nMax)
      .map((m) => ({ ...m, x: x(m.n), y: y(m.time) })),
    cursor: {
      n: picked,
      x: x(picked),
      clientServerY: y(clientServerAt(p, picked)),
      p2pY: y(p2pBoundAt(p, picked)),
    },
    yMax,
  };
}
