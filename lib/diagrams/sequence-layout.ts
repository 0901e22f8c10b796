/**
 * Where a two-party sequence diagram goes in an SVG of a given width: two lifelines, one arrow
 * per message going down the page, and its arrowhead.
 */
export interface SequenceArrow {
  index: number;
  x1: number;
  x2: number;
  y: number;
  /** The arrowhead, as SVG polygon points. */
  head: string;
  labelX: number;
}

export interface SequenceLayout {
  width: number;
  height: number;
  lanes: { you: number; peer: number };
  headerH: number;
  arrows: SequenceArrow[];
}

export function sequenceLayout(
  messages: readonly { from: 'you' | 'peer' }[],
  width: number,
  rowH = 48,
): SequenceLayout {
  const margin = Math.min(90, Math.max(56, width * 0.16));
  const lanes = { you: margin, peer: width - margin };
  const headerH = 64;
  const arrows = messages.map((m, index) => {
    const y = headerH + 36 + index * rowH;
    const [x1, x2] = m.from === 'you' ? [lanes.you, lanes.peer] : [lanes.peer, lanes.you];
    const dir = Math.sign(x2 - x1);
    const tip = x2 - dir * 3;
    const head = `${tip},${y} ${tip - dir * 12},${y - 6} ${tip - dir * 12},${y + 6}`;
    return { index, x1, x2: tip - dir * 10, y, head, labelX: (x1 + x2) / 2 };
  });
  return { width, height: headerH + 36 + messages.length * rowH, lanes, headerH, arrows };
}
