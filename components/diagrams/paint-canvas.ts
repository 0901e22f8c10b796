/**
 * Executes the drawing instructions of lib/diagrams on a 2D canvas. Colours come from the CSS
 * tokens as the element sees them, read once per theme, so the canvas follows light and dark.
 */
import { pieceColor, TOKENS, type Paint, type Shape, type Token } from '@/lib/diagrams/scene';

export interface Palette {
  dark: boolean;
  tokens: Record<Token, string>;
  sans: string;
  mono: string;
}

export function readPalette(el: Element, dark: boolean): Palette {
  const style = getComputedStyle(el);
  const tokens = {} as Record<Token, string>;
  for (const t of TOKENS) tokens[t] = style.getPropertyValue(`--${t}`).trim() || '#888';
  return {
    dark,
    tokens,
    sans: style.getPropertyValue('--font-sans').trim() || 'sans-serif',
    mono: style.getPropertyValue('--font-mono').trim() || 'monospace',
  };
}

function color(p: Palette, paint: Paint): string {
  return typeof paint === 'string' ? p.tokens[paint] : pieceColor(paint.piece, paint.of, p.dark);
}

function roundRect(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
) {
  ctx.beginPath();
  if (r > 0) ctx.roundRect(x, y, w, h, r);
  else ctx.rect(x, y, w, h);
}

/** Sizes the canvas backing store for the device pixel ratio; returns its 2D context. */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
): CanvasRenderingContext2D | null {
  const dpr = Math.min(window.devicePixelRatio || 1, 2);
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

export function paintShapes(ctx: CanvasRenderingContext2D, shapes: readonly Shape[], p: Palette) {
  for (const s of shapes) {
    ctx.globalAlpha = s.alpha ?? 1;
    switch (s.kind) {
      case 'line':
        ctx.beginPath();
        ctx.moveTo(s.x1, s.y1);
        ctx.lineTo(s.x2, s.y2);
        ctx.strokeStyle = color(p, s.stroke.paint);
        ctx.lineWidth = s.stroke.width;
        ctx.lineCap = 'round';
        ctx.setLineDash(s.stroke.dash ?? []);
        ctx.stroke();
        break;
      case 'rect':
        if (s.fill !== undefined) {
          ctx.fillStyle = color(p, s.fill);
          if (s.radius) {
            roundRect(ctx, s.x, s.y, s.w, s.h, s.radius);
            ctx.fill();
          } else {
            ctx.fillRect(s.x, s.y, s.w, s.h);
          }
        }
        if (s.stroke) {
          ctx.strokeStyle = color(p, s.stroke.paint);
          ctx.lineWidth = s.stroke.width;
          ctx.setLineDash(s.stroke.dash ?? []);
          roundRect(ctx, s.x, s.y, s.w, s.h, s.radius ?? 0);
          ctx.stroke();
        }
        break;
      case 'circle':
        ctx.beginPath();
        ctx.arc(s.x, s.y, s.r, 0, Math.PI * 2);
        if (s.fill !== undefined) {
          ctx.fillStyle = color(p, s.fill);
          ctx.fill();
        }
        if (s.stroke) {
          ctx.strokeStyle = color(p, s.stroke.paint);
          ctx.lineWidth = s.stroke.width;
          ctx.setLineDash(s.stroke.dash ?? []);
          ctx.stroke();
        }
        break;
      case 'text':
        ctx.fillStyle = color(p, s.paint);
        ctx.font = `${s.weight ?? 400} ${s.size}px ${s.font === 'mono' ? p.mono : p.sans}`;
        ctx.textAlign = s.align ?? 'left';
        ctx.textBaseline = 'alphabetic';
        ctx.fillText(s.text, s.x, s.y);
        break;
    }
  }
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
}
