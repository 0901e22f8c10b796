/**
 * Where PieceExchange puts its cards: every present peer's card on an ellipse, the seed at the
 * top, with the largest piece squares that keep neighbouring cards from touching.
 */
import { clamp } from './scene';

/** The smallest piece square drawn, in CSS pixels. */
const MIN_CELL = 4;

export interface ExchangeLayout {
  /** False when even the smallest squares could not keep the cards apart. */
  fits: boolean;
  cols: number;
  rows: number;
  cell: number;
  gap: number;
  pad: number;
  header: number;
  cardW: number;
  cardH: number;
  rx: number;
  ry: number;
  cx: number;
  cy: number;
  font: number;
}

/** Grid shape of a piece map: a little wider than tall, or as asked. */
export function gridShape(pieces: number, wanted?: number): { cols: number; rows: number } {
  const cols = Math.max(1, Math.min(pieces, wanted ?? Math.ceil(Math.sqrt(pieces * 2))));
  return { cols, rows: Math.ceil(pieces / cols) };
}

function sized(
  pieces: number,
  cell: number,
  width: number,
  height: number,
  wanted?: number,
): ExchangeLayout {
  const { cols, rows } = gridShape(pieces, wanted);
  const gap = cell >= 9 ? 2 : 1;
  const pad = Math.round(clamp(cell * 0.8, 6, 10));
  const font = Math.round(clamp(cell * 1.25, 12, 16));
  const header = font + 8;
  const cardW = cols * cell + (cols - 1) * gap + 2 * pad;
  const cardH = rows * cell + (rows - 1) * gap + 2 * pad + header;
  const margin = 6;
  return {
    fits: false,
    cols,
    rows,
    cell,
    gap,
    pad,
    header,
    cardW,
    cardH,
    rx: Math.max(0, width / 2 - cardW / 2 - margin),
    ry: Math.max(0, height / 2 - cardH / 2 - margin),
    cx: width / 2,
    cy: height / 2,
    font,
  };
}

/** Centre of ring place `place` of `n` (fractional places slide between two). */
export function placeAt(l: ExchangeLayout, place: number, n: number): { x: number; y: number } {
  const a = -Math.PI / 2 + (place / Math.max(1, n)) * Math.PI * 2;
  return { x: l.cx + Math.cos(a) * l.rx, y: l.cy + Math.sin(a) * l.ry };
}

function fits(l: ExchangeLayout, n: number): boolean {
  if (l.rx < l.cardW * 0.6 || l.ry < l.cardH * 0.6) return false;
  for (let i = 0; i < n; i++) {
    const a = placeAt(l, i, n);
    const b = placeAt(l, (i + 1) % n, n);
    if (n > 1 && Math.abs(a.x - b.x) < l.cardW + 6 && Math.abs(a.y - b.y) < l.cardH + 6) {
      return false;
    }
  }
  return true;
}

/** The largest piece squares with which `n` cards fit around the ellipse without touching. */
export function layoutExchange(
  n: number,
  pieces: number,
  width: number,
  height: number,
): ExchangeLayout {
  // Wide cards first; on a narrow canvas, square or tall ones may fit with bigger squares.
  const shapes = [undefined, Math.ceil(Math.sqrt(pieces)), Math.ceil(Math.sqrt(pieces / 2))];
  for (let cell = 16; cell >= MIN_CELL; cell--) {
    for (const cols of shapes) {
      const l = sized(pieces, cell, width, height, cols);
      if (fits(l, n)) return { ...l, fits: true };
    }
  }
  return sized(pieces, MIN_CELL, width, height);
}

/**
 * How tall the canvas should be at this width: `preferred`, or taller when that is what it
 * takes for `n` cards with squares of at least 5 px (4 px on a phone full of peers) to sit
 * around the ring without touching.
 */
export function exchangeHeight(
  n: number,
  pieces: number,
  width: number,
  preferred: number,
): number {
  for (const smallest of [5, MIN_CELL]) {
    for (let h = preferred; h < preferred * 3; h += 20) {
      const l = layoutExchange(n, pieces, width, h);
      if (l.fits && l.cell >= smallest) return h;
    }
  }
  return preferred;
}
