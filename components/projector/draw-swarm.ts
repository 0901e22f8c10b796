/**
 * Draws the swarm on a 2D canvas: links where data flows (width by rate), pieces in flight as
 * dots travelling along them in the direction they go, each node with its completion pie.
 * Framework-free; the component owns the canvas and the animation frame.
 */
import { layoutSwarm, type NodeLayout } from '@/lib/swarm-layout';
import { progressOf, type SwarmSnapshot } from '@/lib/swarm-model';

export interface SwarmColors {
  text: string;
  muted: string;
  surface: string;
  border: string;
  seed: string;
  peer: string;
  desktop: string;
  pieceSeed: string;
  piecePeer: string;
}

const VAR: Record<keyof SwarmColors, string> = {
  text: '--text',
  muted: '--muted',
  surface: '--surface',
  border: '--border',
  seed: '--seed',
  peer: '--peer',
  desktop: '--desktop',
  pieceSeed: '--piece-seed',
  piecePeer: '--piece-peer',
};

export function readColors(el: Element): SwarmColors {
  const style = getComputedStyle(el);
  const out = {} as SwarmColors;
  for (const [key, name] of Object.entries(VAR) as [keyof SwarmColors, string][]) {
    out[key] = style.getPropertyValue(name).trim() || '#888';
  }
  return out;
}

const ring = (c: SwarmColors, n: NodeLayout) =>
  n.peer.kind === 'seeder' ? c.seed : n.peer.kind === 'desktop' ? c.desktop : c.peer;

/** One frame. `time` in seconds drives the dots; pass a constant for a still picture. */
export function drawSwarm(
  ctx: CanvasRenderingContext2D,
  snapshot: SwarmSnapshot,
  width: number,
  height: number,
  time: number,
  colors: SwarmColors,
): void {
  ctx.clearRect(0, 0, width, height);
  const nodes = layoutSwarm(snapshot, width, height);
  const scale = Math.min(width, height) / 900;
  const maxRate = Math.max(1, ...snapshot.edges.map((e) => e.rate));

  ctx.lineCap = 'round';
  for (const e of snapshot.edges) {
    const a = nodes.get(e.from);
    const b = nodes.get(e.to);
    if (!a || !b) continue;
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const ux = (b.x - a.x) / len;
    const uy = (b.y - a.y) / len;
    const x1 = a.x + ux * a.r;
    const y1 = a.y + uy * a.r;
    const x2 = b.x - ux * b.r;
    const y2 = b.y - uy * b.r;
    const active = e.rate > 0;
    const colour = a.peer.kind === 'seeder' ? colors.pieceSeed : colors.piecePeer;
    ctx.strokeStyle = active ? colour : colors.border;
    ctx.globalAlpha = active ? 0.55 : 0.5;
    ctx.lineWidth = (active ? 1.5 + (5 * e.rate) / maxRate : 1) * scale;
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.stroke();
    if (active) {
      // Pieces in flight: dots moving from sender to receiver, faster on faster links.
      ctx.globalAlpha = 1;
      ctx.fillStyle = colour;
      const segment = len - a.r - b.r;
      const speed = 0.35 + (0.9 * e.rate) / maxRate;
      for (let k = 0; k < 2; k++) {
        const f = (time * speed + k / 2) % 1;
        ctx.beginPath();
        ctx.arc(x1 + ux * segment * f, y1 + uy * segment * f, 4.5 * scale, 0, Math.PI * 2);
        ctx.fill();
      }
    }
  }
  ctx.globalAlpha = 1;

  const label = Math.max(11, 20 * scale);
  for (const n of nodes.values()) {
    const progress = n.peer.kind === 'seeder' ? 1 : progressOf(n.peer, snapshot.torrent);
    ctx.fillStyle = colors.surface;
    ctx.strokeStyle = ring(colors, n);
    ctx.lineWidth = 4 * scale;
    ctx.beginPath();
    ctx.arc(n.x, n.y, n.r, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
    if (progress > 0) {
      ctx.fillStyle = n.peer.kind === 'seeder' ? colors.seed : colors.piecePeer;
      ctx.beginPath();
      ctx.moveTo(n.x, n.y);
      ctx.arc(n.x, n.y, n.r - 4 * scale, -Math.PI / 2, -Math.PI / 2 + progress * Math.PI * 2);
      ctx.closePath();
      ctx.fill();
    }
    ctx.textAlign = 'center';
    ctx.fillStyle = colors.text;
    ctx.font = `700 ${label}px system-ui, sans-serif`;
    const name = n.peer.nickname || 'anonymous';
    ctx.fillText(name.length > 16 ? `${name.slice(0, 15)}…` : name, n.x, n.y + n.r + label * 1.1);
    if (n.peer.kind === 'seeder') {
      ctx.fillStyle = colors.surface; // light on the seed's orange in light mode, dark in dark mode
      ctx.font = `800 ${label * 1.1}px system-ui, sans-serif`;
      ctx.fillText('seed', n.x, n.y + label * 0.4);
    } else {
      ctx.fillStyle = colors.muted;
      ctx.font = `${label * 0.85}px system-ui, sans-serif`;
      ctx.fillText(
        `${Math.floor(progress * 100)}%${n.peer.kind === 'desktop' ? ' · desktop' : ''}`,
        n.x,
        n.y + n.r + label * 2.1,
      );
    }
  }
}
