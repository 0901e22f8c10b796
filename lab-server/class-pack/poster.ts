/**
 * A deterministic SVG poster of a swarm: a seed in the middle, peers around it.
 * Small, legal, and something to open when the download completes.
 */

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function swarmPoster(seed: number, peers = 24): string {
  const rand = mulberry32(seed);
  const size = 1200;
  const c = size / 2;
  const nodes = Array.from({ length: peers }, (_, i) => {
    const angle = (i / peers) * Math.PI * 2;
    const r = 380 + rand() * 120;
    return {
      x: c + Math.cos(angle) * r,
      y: c + Math.sin(angle) * r,
      done: rand(),
    };
  });
  const links = nodes
    .flatMap((a, i) => nodes.slice(i + 1).map((b) => ({ a, b, keep: rand() < 0.12 })))
    .filter((l) => l.keep);
  const f = (n: number) => n.toFixed(1);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}">`,
    `<rect width="${size}" height="${size}" fill="#0d1117"/>`,
    ...nodes.map(
      (n) =>
        `<line x1="${c}" y1="${c}" x2="${f(n.x)}" y2="${f(n.y)}" stroke="#f08c00" stroke-opacity="0.35" stroke-width="3"/>`,
    ),
    ...links.map(
      (l) =>
        `<line x1="${f(l.a.x)}" y1="${f(l.a.y)}" x2="${f(l.b.x)}" y2="${f(l.b.y)}" stroke="#4493f8" stroke-opacity="0.5" stroke-width="2"/>`,
    ),
    ...nodes.map((n) => {
      const r = 26;
      const end = n.done * Math.PI * 2 - Math.PI / 2;
      const large = n.done > 0.5 ? 1 : 0;
      const ex = n.x + Math.cos(end) * r;
      const ey = n.y + Math.sin(end) * r;
      return (
        `<circle cx="${f(n.x)}" cy="${f(n.y)}" r="${r}" fill="#1f2630" stroke="#4493f8" stroke-width="3"/>` +
        `<path d="M${f(n.x)},${f(n.y)} L${f(n.x)},${f(n.y - r)} A${r},${r} 0 ${large} 1 ${f(ex)},${f(ey)} Z" fill="#2f9e44"/>`
      );
    }),
    `<circle cx="${c}" cy="${c}" r="70" fill="#e8590c"/>`,
    `<text x="${c}" y="${c + 10}" text-anchor="middle" font-family="sans-serif" font-size="34" font-weight="700" fill="#fff">seed</text>`,
    `<text x="${c}" y="90" text-anchor="middle" font-family="sans-serif" font-size="56" font-weight="800" fill="#e6edf3">SwarmLab</text>`,
    `<text x="${c}" y="${size - 60}" text-anchor="middle" font-family="sans-serif" font-size="28" fill="#9aa6b2">every laptop a peer, every piece verified</text>`,
    '</svg>',
  ];
  return parts.join('\n') + '\n';
}
