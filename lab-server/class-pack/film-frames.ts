/**
 * The class pack's short film, as pure drawing instructions: a title card, a swarm from the
 * project's own simulator (lib/sim) sharing a file piece by piece, and an end card.
 * `render-video.ts` paints these in headless Chromium and encodes them; nothing here draws.
 */
import { createSim, stepInPlace, allFinished, type SimState } from '../../lib/sim';

export const FILM = { width: 1280, height: 720, fps: 24, seconds: 30 } as const;

export type DrawOp =
  | ['rect', number, number, number, number, string]
  | ['circle', number, number, number, string | null, string | null, number]
  | ['pie', number, number, number, number, string]
  | ['line', number, number, number, number, string, number]
  | ['text', number, number, string, number, string, 'left' | 'center' | 'right', boolean];

const C = {
  bg: '#0d1117',
  panel: '#161b22',
  text: '#e6edf3',
  muted: '#9aa6b2',
  empty: '#2a313c',
  seed: '#f08c00',
  peer: '#2f9e44',
  ring: '#4493f8',
};

const TITLE_END = 4;
const SWARM_END = 26.5;
const PIECES = 40;
const NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Radia',
  'Linus',
  'Barbara',
  'Ken',
  'Margaret',
  'Vint',
  'Tim',
];

function simConfig() {
  return {
    seed: 2026,
    fileSize: PIECES * 256 * 1024,
    pieceCount: PIECES,
    // Four in all since the optimistic unchoke counts as one of them (BEP 3): the same three
    // regular slots plus one optimistic as when the committed film was rendered.
    uploadSlots: 4,
    peers: [
      { id: 'Instructor', role: 'seed' as const, upload: 512 * 1024, download: 1 },
      ...NAMES.map((id, i) => ({
        id,
        upload: 384 * 1024,
        download: 4 * 1024 * 1024,
        joinAt: (i % 4) * 0.8,
      })),
    ],
  };
}

/** Simulated seconds until every leecher is done, so the film can fit the run into its scene. */
function finishTime(): number {
  const s = createSim(simConfig());
  while (!allFinished(s) && s.t < 3600) stepInPlace(s);
  return s.t;
}

function layout(i: number, n: number): { x: number; y: number } {
  if (i === 0) return { x: 640, y: 360 };
  const a = -Math.PI / 2 + ((i - 1) / (n - 1)) * Math.PI * 2;
  return { x: 640 + Math.cos(a) * 430, y: 360 + Math.sin(a) * 190 };
}

function has(p: SimState['peers'][number], piece: number): boolean {
  return (p.have[piece >> 3]! & (0x80 >> (piece & 7))) !== 0;
}

function caption(fromPeers: number, done: number, leechers: number, early: boolean): string {
  if (done === leechers) return 'Everyone has every piece: the file is fully shared.';
  if (early) return 'The seed starts with all 40 pieces and hands out different ones.';
  if (fromPeers < 0.5) return 'Peers now trade pieces with each other, not only with the seed.';
  return 'Most pieces now come from classmates: the swarm scales itself.';
}

function swarmFrame(s: SimState, t: number, early: boolean): DrawOp[] {
  const ops: DrawOp[] = [['rect', 0, 0, FILM.width, FILM.height, C.bg]];
  const n = s.peers.length;
  const pos = s.peers.map((_, i) => layout(i, n));
  // Flows first, so nodes sit on top of their lines; dots travel toward the receiver.
  for (const f of s.flows) {
    const a = pos[f.from]!;
    const b = pos[f.to]!;
    const fromSeed = s.peers[f.from]!.role === 'seed';
    const color = fromSeed ? C.seed : C.peer;
    ops.push(['line', a.x, a.y, b.x, b.y, color, 1 + Math.min(4, f.rate / (128 * 1024))]);
    for (let k = 0; k < 3; k++) {
      const u = (t * 0.9 + k / 3 + f.from * 0.13) % 1;
      ops.push(['circle', a.x + (b.x - a.x) * u, a.y + (b.y - a.y) * u, 5, color, null, 0]);
    }
  }
  const leechers = s.peers.filter((p) => p.role === 'leecher');
  const done = leechers.filter((p) => p.finishedAt !== null).length;
  s.peers.forEach((p, i) => {
    const { x, y } = pos[i]!;
    const seed = p.role === 'seed';
    const r = seed ? 46 : 36;
    const joined = p.status === 'active';
    ops.push(['circle', x, y, r, C.panel, joined ? C.ring : C.empty, 3]);
    if (p.haveCount > 0 && !seed) ops.push(['pie', x, y, r - 5, p.haveCount / PIECES, C.peer]);
    if (seed) ops.push(['circle', x, y, r - 5, C.seed, null, 0]);
    ops.push(['text', x, y + 7, seed ? 'SEED' : `${p.haveCount}`, 20, C.text, 'center', true]);
    ops.push(['text', x, y + r + 22, p.id, 18, joined ? C.text : C.muted, 'center', false]);
    // The peer's own piece map: 10 x 4 squares.
    const cell = 7;
    // Beside the node on the sides of the ring (below, the next node would cover it).
    const side = seed ? 0 : Math.sign(x - 640) * (Math.abs(x - 640) > 100 ? 1 : 0);
    const gx = side === 0 ? x - 5 * cell : side < 0 ? x - r - 10 - 10 * cell : x + r + 10;
    const gy = side === 0 ? y + r + 32 : y - 2 * cell;
    for (let k = 0; k < PIECES; k++) {
      const color = has(p, k) ? (seed ? C.seed : C.peer) : C.empty;
      ops.push([
        'rect',
        gx + (k % 10) * cell,
        gy + Math.floor(k / 10) * cell,
        cell - 1,
        cell - 1,
        color,
      ]);
    }
  });
  const share = 1 - seedShare(s);
  ops.push(['text', 40, 56, 'One file, 40 pieces, 11 laptops', 32, C.text, 'left', true]);
  ops.push(['text', 1240, 50, `${done} of ${leechers.length} finished`, 22, C.text, 'right', true]);
  ops.push([
    'text',
    1240,
    78,
    `from the seed ${Math.round((1 - share) * 100)}% · from peers ${Math.round(share * 100)}%`,
    18,
    C.muted,
    'right',
    false,
  ]);
  ops.push(['rect', 0, 660, FILM.width, 60, C.panel]);
  ops.push([
    'text',
    640,
    698,
    caption(share, done, leechers.length, early),
    24,
    C.text,
    'center',
    false,
  ]);
  return ops;
}

/** The seed's share of every byte sent so far. */
function seedShare(s: SimState): number {
  let fromSeed = 0;
  let total = 0;
  for (let i = 0; i < s.peers.length; i++) {
    for (let j = 0; j < s.peers.length; j++) {
      const bytes = s.pairBytes[i * s.stride + j]!;
      total += bytes;
      if (s.peers[i]!.role === 'seed') fromSeed += bytes;
    }
  }
  return total > 0 ? fromSeed / total : 1;
}

function card(lines: [string, number, string, boolean][]): DrawOp[] {
  const ops: DrawOp[] = [['rect', 0, 0, FILM.width, FILM.height, C.bg]];
  let y = 360 - ((lines.length - 1) * 56) / 2;
  for (const [text, size, color, bold] of lines) {
    ops.push(['text', 640, y, text, size, color, 'center', bold]);
    y += 56;
  }
  return ops;
}

/** Every frame of the film, in order, as drawing instructions. */
export function* filmFrames(): Generator<DrawOp[]> {
  const end = finishTime() * 1.1;
  const sim = createSim(simConfig());
  const frames = FILM.fps * FILM.seconds;
  for (let f = 0; f < frames; f++) {
    const t = f / FILM.fps;
    if (t < TITLE_END) {
      yield card([
        ['How a swarm shares a file', 56, C.text, true],
        ['A BitTorrent film in 30 seconds, made by SwarmLab', 26, C.muted, false],
        ['Orange: from the seed  ·  Green: from classmates', 24, C.seed, false],
      ]);
    } else if (t < SWARM_END) {
      const simT = ((t - TITLE_END) / (SWARM_END - TITLE_END)) * end;
      while (sim.t < simT) stepInPlace(sim);
      yield swarmFrame(sim, t, t - TITLE_END < 3);
    } else {
      yield card([
        ['Every piece was checked against its SHA-1 hash.', 36, C.text, true],
        [
          `The seed sent ${Math.round(seedShare(sim) * 100)}% of the bytes; classmates sent the rest.`,
          26,
          C.muted,
          false,
        ],
        ['Keep this tab open: you are a seed now.', 26, C.peer, true],
      ]);
    }
  }
}

/** The in-page painter for DrawOp lists: plain JavaScript, injected as a string. */
export const PAINTER = `
window.paint = (ops) => {
  const c = document.getElementById('c').getContext('2d');
  for (const op of ops) {
    const [kind, ...a] = op;
    if (kind === 'rect') { c.fillStyle = a[4]; c.fillRect(a[0], a[1], a[2], a[3]); }
    else if (kind === 'circle') {
      c.beginPath(); c.arc(a[0], a[1], a[2], 0, Math.PI * 2);
      if (a[3]) { c.fillStyle = a[3]; c.fill(); }
      if (a[4]) { c.strokeStyle = a[4]; c.lineWidth = a[5]; c.stroke(); }
    } else if (kind === 'pie') {
      c.beginPath(); c.moveTo(a[0], a[1]);
      c.arc(a[0], a[1], a[2], -Math.PI / 2, -Math.PI / 2 + a[3] * Math.PI * 2);
      c.closePath(); c.fillStyle = a[4]; c.fill();
    } else if (kind === 'line') {
      c.beginPath(); c.moveTo(a[0], a[1]); c.lineTo(a[2], a[3]);
      c.strokeStyle = a[4]; c.globalAlpha = 0.55; c.lineWidth = a[5]; c.stroke(); c.globalAlpha = 1;
    } else if (kind === 'text') {
      c.font = (a[6] ? 'bold ' : '') + a[3] + 'px "DejaVu Sans", sans-serif';
      c.fillStyle = a[4]; c.textAlign = a[5]; c.fillText(a[2], a[0], a[1]);
    }
  }
};
`;
