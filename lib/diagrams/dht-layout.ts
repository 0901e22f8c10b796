/**
 * DhtLookup's picture: one band per shared-prefix length with the target (the buckets as the
 * target sees them), far at the top and the target at the bottom, every node a pill with its
 * id in binary. A lookup walks down the bands.
 */
import { sharedPrefix, toBinary, type DhtNetwork } from './dht';

export interface Pill {
  id: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Band {
  /** Leading bits shared with the target; `bits` is the target's own band. */
  shared: number;
  y: number;
  h: number;
  /** The ids in this band as a pattern, e.g. 0110xxxx. */
  pattern: string;
  /** XOR distances of this band, e.g. "16–31". */
  range: string;
}

export interface DhtLayout {
  width: number;
  height: number;
  labelW: number;
  bands: Band[];
  pills: Map<number, Pill>;
  target: Pill;
  charW: number;
}

/** The ids sharing exactly `shared` leading bits with target, as a pattern with x for any. */
export function bandPattern(target: number, shared: number, bits: number): string {
  const t = toBinary(target, bits);
  if (shared >= bits) return t;
  const flipped = t[shared] === '0' ? '1' : '0';
  return t.slice(0, shared) + flipped + 'x'.repeat(bits - shared - 1);
}

export function dhtLayout(net: DhtNetwork, width: number): DhtLayout {
  const { bits } = net.options;
  const narrow = width < 560;
  const charW = 8.5;
  const pillW = Math.round(bits * charW + 18);
  const pillH = 28;
  const gap = 8;
  const labelW = narrow ? 0 : 144;
  const labelH = narrow ? 22 : 0;
  const usable = Math.max(pillW, width - labelW - 8);
  const perRow = Math.max(1, Math.floor((usable + gap) / (pillW + gap)));
  const pills = new Map<number, Pill>();
  const bands: Band[] = [];
  let y = 4;
  for (let shared = 0; shared <= bits; shared++) {
    const members =
      shared === bits ? [] : net.ids.filter((id) => sharedPrefix(id, net.target, bits) === shared);
    // An empty band stays, thin: the gap in the ids is part of the picture.
    const lines = shared === bits ? 1 : Math.ceil(members.length / perRow);
    const h =
      lines === 0
        ? labelH + (narrow ? 8 : 50)
        : Math.max(narrow ? 0 : 50, labelH + lines * pillH + (lines - 1) * gap + 14);
    members.forEach((id, i) => {
      pills.set(id, {
        id,
        x: labelW + (i % perRow) * (pillW + gap),
        y: y + labelH + (narrow ? 7 : 11) + Math.floor(i / perRow) * (pillH + gap),
        w: pillW,
        h: pillH,
      });
    });
    const lo = shared >= bits ? 0 : 2 ** (bits - shared - 1);
    const hi = shared >= bits ? 0 : 2 ** (bits - shared) - 1;
    bands.push({
      shared,
      y,
      h,
      pattern: bandPattern(net.target, shared, bits),
      range: shared >= bits ? 'the target' : lo === hi ? `${lo}` : `${lo}–${hi}`,
    });
    y += h;
  }
  const last = bands.at(-1)!;
  const target = {
    id: net.target,
    x: labelW,
    y: last.y + labelH + (narrow ? 7 : 11),
    w: pillW,
    h: pillH,
  };
  return { width, height: y + 4, labelW, bands, pills, target, charW };
}
