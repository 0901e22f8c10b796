/**
 * ChokingTimeline's chart: one row per peer, coloured spans for the time it held a regular or
 * the optimistic slot, the rechoke and rotation times as gridlines, and the playhead.
 */
import { linearScale, ticks } from './axis';
import type { ChokeTimeline, SlotStatus } from './choking-model';

export interface Span {
  x: number;
  w: number;
  status: Exclude<SlotStatus, 'choked'>;
}

export interface ChokingChart {
  width: number;
  height: number;
  labelW: number;
  rowH: number;
  top: number;
  plot: { x: number; w: number };
  /** The column on the right with each peer's current upload rate to you. */
  rate: { x: number; w: number };
  rows: { y: number; spans: Span[] }[];
  grid: { x: number; t: number; rotation: boolean }[];
  xTicks: { x: number; label: string }[];
  cursorX: number;
}

/** Spans of one peer's unchoked time, from 0 to `upTo` seconds. */
export function spansOf(tl: ChokeTimeline, peer: number, upTo: number) {
  const out: { from: number; to: number; status: Span['status'] }[] = [];
  const { dt } = tl.options;
  for (const f of tl.frames) {
    if (f.t >= upTo - 1e-9) break;
    const status = f.status[peer]!;
    if (status === 'choked') continue;
    const last = out.at(-1);
    if (last && last.status === status && Math.abs(last.to - f.t) < 1e-9)
      last.to = Math.min(upTo, f.t + dt);
    else out.push({ from: f.t, to: Math.min(upTo, f.t + dt), status });
  }
  return out;
}

export function chokingChart(tl: ChokeTimeline, width: number, upTo: number): ChokingChart {
  const narrow = width < 520;
  const labelW = narrow ? 56 : 92;
  const rateW = narrow ? 34 : 132;
  const rowH = narrow ? 36 : 42;
  const top = 30;
  const gutter = narrow ? 8 : 16;
  const plot = { x: labelW, w: Math.max(10, width - labelW - rateW - gutter) };
  const rate = { x: plot.x + plot.w + gutter, w: rateW };
  const { duration, rechoke, optimistic } = tl.options;
  const x = linearScale([0, duration], [plot.x, plot.x + plot.w]);
  const rows = tl.options.peers.map((_, i) => ({
    y: top + i * rowH,
    spans: spansOf(tl, i, upTo).map((s) => ({
      x: x(s.from),
      w: x(s.to) - x(s.from),
      status: s.status,
    })),
  }));
  const grid = [];
  for (let t = 0; t <= duration + 1e-9; t += rechoke) {
    grid.push({
      x: x(t),
      t,
      rotation: Math.abs(t / optimistic - Math.round(t / optimistic)) < 1e-9,
    });
  }
  const height = top + rows.length * rowH + 30;
  return {
    width,
    height,
    labelW,
    rowH,
    top,
    plot,
    rate,
    rows,
    grid,
    xTicks: ticks(duration, narrow ? 4 : 12).map((t) => ({ x: x(t), label: `${t} s` })),
    cursorX: x(Math.min(upTo, duration)),
  };
}
