/**
 * PieceExchange as drawing instructions: every present peer a card on an ellipse (the seed at
 * the top) holding its piece map, links that carried data, pieces flying to the exact square
 * they fill, and in the middle how many copies of each piece the swarm holds.
 */
import { FLIGHT_MS, ORIGIN_NONE, ORIGIN_SEED, presentPeers, type Exchange } from './exchange-model';
import { layoutExchange, placeAt, type ExchangeLayout } from './exchange-layout';
import { easeInOut, type Paint, type Shape } from './scene';

export type ColorMode = 'piece' | 'source';

export interface Card {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface SceneOptions {
  width: number;
  height: number;
  now: number;
  colorMode: ColorMode;
  /** False under prefers-reduced-motion: no flights, the last step's transfers drawn still. */
  motion: boolean;
}

function cellPaint(mode: ColorMode, piece: number, of: number, origin: number): Paint {
  if (mode === 'piece') return { piece, of };
  return origin === ORIGIN_SEED ? 'piece-seed' : 'piece-peer';
}

export function exchangeScene(ex: Exchange, o: SceneOptions): Shape[] {
  const peers = presentPeers(ex);
  const { pieceCount } = ex.sim.config;
  const l = layoutExchange(peers.length, pieceCount, o.width, o.height);
  const shapes: Shape[] = [];
  const cards = new Map<string, Card>();
  for (const p of peers) {
    const c = placeAt(l, ex.places.get(p.id) ?? 0, peers.length);
    cards.set(p.id, { x: c.x - l.cardW / 2, y: c.y - l.cardH / 2, w: l.cardW, h: l.cardH });
  }
  const centre = (id: string) => {
    const c = cards.get(id)!;
    return { x: c.x + c.w / 2, y: c.y + c.h / 2 };
  };
  const cellAt = (card: Card, piece: number) => ({
    x: card.x + l.pad + (piece % l.cols) * (l.cell + l.gap),
    y: card.y + l.header + l.pad + Math.floor(piece / l.cols) * (l.cell + l.gap),
  });

  // Links that carried data in the last tick, thicker for more bytes per second.
  const maxRate = Math.max(1, ...ex.sim.flows.map((f) => f.rate));
  for (const f of ex.sim.flows) {
    const a = ex.sim.peers[f.from]!;
    const b = ex.sim.peers[f.to]!;
    if (!cards.has(a.id) || !cards.has(b.id)) continue;
    const p = centre(a.id);
    const q = centre(b.id);
    shapes.push({
      kind: 'line',
      x1: p.x,
      y1: p.y,
      x2: q.x,
      y2: q.y,
      stroke: {
        paint: a.role === 'seed' ? 'piece-seed' : 'piece-peer',
        width: 1 + (3 * f.rate) / maxRate,
      },
      alpha: 0.3,
    });
  }
  if (!o.motion) {
    for (const tr of ex.recent) {
      if (!cards.has(tr.from) || !cards.has(tr.to)) continue;
      const p = centre(tr.from);
      const q = centre(tr.to);
      shapes.push({
        kind: 'line',
        x1: p.x,
        y1: p.y,
        x2: q.x,
        y2: q.y,
        stroke: { paint: 'text', width: 2, dash: [6, 5] },
        alpha: 0.6,
      });
    }
  }

  histogram(shapes, ex, l, o.colorMode);

  const inFlight = new Set(
    ex.flights.filter((f) => o.now < f.start + FLIGHT_MS).map((f) => `${f.to}#${f.piece}`),
  );
  const fresh = new Set(o.motion ? [] : ex.recent.map((t) => `${t.to}#${t.piece}`));
  for (const p of peers) {
    const card = cards.get(p.id)!;
    const isSeed = p.role === 'seed';
    const done = !isSeed && p.haveCount === pieceCount;
    shapes.push({
      kind: 'rect',
      ...card,
      radius: 8,
      fill: 'surface',
      stroke: { paint: isSeed ? 'seed' : done ? 'ok' : 'peer', width: done || isSeed ? 3 : 2 },
    });
    const baseline = card.y + l.pad + l.font * 0.85;
    const count = done ? '✓' : `${p.haveCount}/${pieceCount}`;
    // Small cards (phones) keep the count and shorten the name: "peer 7" becomes "7".
    const roomy = (p.id.length + count.length + 2) * l.font * 0.62 <= card.w - 2 * l.pad;
    const name = roomy ? p.id : isSeed ? 'seed' : p.id.replace(/^peer /, '#');
    shapes.push({
      kind: 'text',
      x: card.x + l.pad,
      y: baseline,
      text: name,
      paint: 'text',
      size: l.font,
      weight: 700,
    });
    if (roomy || !isSeed) {
      shapes.push({
        kind: 'text',
        x: card.x + card.w - l.pad,
        y: baseline,
        text: done && roomy ? '✓ done' : count,
        paint: isSeed ? 'seed' : done ? 'ok' : 'muted',
        size: l.font - 1,
        weight: 600,
        font: done ? 'sans' : 'mono',
        align: 'right',
      });
    }
    const origin = ex.origin.get(p.id);
    for (let i = 0; i < pieceCount; i++) {
      const at = cellAt(card, i);
      const key = `${p.id}#${i}`;
      const has = (p.have[i >> 3]! & (0x80 >> (i & 7))) !== 0 && !inFlight.has(key);
      shapes.push({
        kind: 'rect',
        x: at.x,
        y: at.y,
        w: l.cell,
        h: l.cell,
        radius: l.cell >= 8 ? 2 : 0,
        fill: has
          ? cellPaint(o.colorMode, i, pieceCount, origin?.[i] ?? ORIGIN_NONE)
          : 'piece-empty',
        stroke: fresh.has(key) ? { paint: 'text', width: 2 } : undefined,
      });
      // A piece on its way: outlined in its colour, a bar rising with the bytes received.
      const part = has ? 0 : (p.partial.get(i) ?? 0) / ex.sim.config.pieceLength;
      if (part > 0) {
        const paint = cellPaint(o.colorMode, i, pieceCount, ORIGIN_NONE);
        const h = Math.max(1, (l.cell - 2) * Math.min(1, part));
        shapes.push({
          kind: 'rect',
          x: at.x + 1,
          y: at.y + l.cell - 1 - h,
          w: l.cell - 2,
          h,
          fill: paint,
          alpha: 0.5,
        });
        shapes.push({
          kind: 'rect',
          x: at.x + 0.75,
          y: at.y + 0.75,
          w: l.cell - 1.5,
          h: l.cell - 1.5,
          radius: l.cell >= 8 ? 2 : 0,
          stroke: { paint, width: 1.5 },
        });
      }
    }
  }

  if (o.motion) {
    const size = Math.max(6, l.cell * 1.3);
    for (const f of ex.flights) {
      const u = (o.now - f.start) / FLIGHT_MS;
      if (u < 0 || u >= 1 || !cards.has(f.from) || !cards.has(f.to)) continue;
      const p = centre(f.from);
      const q = cellAt(cards.get(f.to)!, f.piece);
      const e = easeInOut(u);
      const x = p.x + (q.x + l.cell / 2 - p.x) * e;
      const y = p.y + (q.y + l.cell / 2 - p.y) * e;
      const s = size + (l.cell - size) * e;
      shapes.push({
        kind: 'rect',
        x: x - s / 2,
        y: y - s / 2,
        w: s,
        h: s,
        radius: 2,
        fill: cellPaint(o.colorMode, f.piece, pieceCount, f.fromSeed ? ORIGIN_SEED : 2),
        // A corrupt piece flies with a red edge: it will fail its hash check on landing.
        stroke: f.corrupt ? { paint: 'danger', width: 2.5 } : { paint: 'surface', width: 1.5 },
      });
    }
  }
  return shapes;
}

/** Copies of each piece among present peers, inside the ring: rarest-first levels these bars. */
function histogram(shapes: Shape[], ex: Exchange, l: ExchangeLayout, mode: ColorMode): void {
  const { pieceCount } = ex.sim.config;
  const w = Math.min(l.rx * 2 - l.cardW * 1.15, 420);
  const h = Math.min(l.ry * 2 - l.cardH * 1.3, 150);
  if (w < 80 || h < 48) return;
  const x0 = l.cx - w / 2;
  const top = l.cy - h / 2 + l.font + 6;
  const base = l.cy + h / 2;
  const present = presentPeers(ex).length;
  const slot = w / pieceCount;
  shapes.push({
    kind: 'rect',
    x: x0 - 12,
    y: l.cy - h / 2 - 8,
    w: w + 24,
    h: h + 18,
    radius: 10,
    fill: 'surface',
    stroke: { paint: 'border', width: 1 },
    alpha: 0.92,
  });
  shapes.push({
    kind: 'text',
    x: l.cx,
    y: l.cy - h / 2 + l.font * 0.8,
    text: 'copies of each piece',
    paint: 'muted',
    size: l.font - 1,
    weight: 600,
    align: 'center',
  });
  for (let i = 0; i < pieceCount; i++) {
    const copies = ex.sim.availability[i]!;
    const bh = present === 0 ? 0 : ((base - top) * copies) / present;
    const x = x0 + i * slot + Math.min(1, slot * 0.15);
    const bw = Math.max(1, slot - Math.min(2, slot * 0.3));
    if (copies === 0) {
      shapes.push({ kind: 'rect', x, y: base - 3, w: bw, h: 3, fill: 'danger' });
      continue;
    }
    shapes.push({
      kind: 'rect',
      x,
      y: base - bh,
      w: bw,
      h: bh,
      fill: mode === 'piece' ? { piece: i, of: pieceCount } : 'muted',
      alpha: 0.85,
    });
  }
  shapes.push({
    kind: 'line',
    x1: x0,
    y1: base + 0.5,
    x2: x0 + w,
    y2: base + 0.5,
    stroke: { paint: 'border', width: 1 },
  });
}
