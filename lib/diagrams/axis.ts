/** Linear scales and round tick values for the SVG charts. */

export interface Scale {
  (value: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const scale = ((v: number) => r0 + (v - d0) * k) as Scale;
  return Object.assign(scale, { domain, range });
}

/** A round step (1, 2 or 5 × 10^k) that cuts [0, max] into about `count` intervals. */
export function niceStep(max: number, count: number): number {
  if (!(max > 0) || !(count > 0)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

/** The smallest multiple of a nice step at or above max. */
export function niceMax(max: number, count: number): number {
  const s = niceStep(max, count);
  return Math.max(s, Math.ceil(max / s - 1e-9) * s);
}

/** 0, step, 2·step, … up to max inclusive. */
export function ticks(max: number, count: number): number[] {
  const s = niceStep(max, count);
  const out: number[] = [];
  for (let v = 0; v <= max + s * 1e-9; v += s) out.push(Math.round(v / s) * s);
  return out;
}
