/**
 * Drawing instructions: what a pure render function returns and a thin painter (canvas or SVG)
 * executes. Colours are named by design token or by piece, never as CSS strings, so the same
 * scene paints correctly in the light theme, the dark theme and on a projector.
 */

/** A design token of app/globals.css, without the leading `--`. */
export type Token =
  | 'bg'
  | 'surface'
  | 'surface-2'
  | 'text'
  | 'muted'
  | 'border'
  | 'accent'
  | 'seed'
  | 'peer'
  | 'desktop'
  | 'ok'
  | 'warn'
  | 'danger'
  | 'piece-empty'
  | 'piece-seed'
  | 'piece-peer';

export const TOKENS: readonly Token[] = [
  'bg',
  'surface',
  'surface-2',
  'text',
  'muted',
  'border',
  'accent',
  'seed',
  'peer',
  'desktop',
  'ok',
  'warn',
  'danger',
  'piece-empty',
  'piece-seed',
  'piece-peer',
];

/** A token, or the colour of piece `piece` of `of` (a hue on a rainbow, so order shows). */
export type Paint = Token | { piece: number; of: number };

export interface Stroke {
  paint: Paint;
  width: number;
  dash?: readonly number[];
}

export type Shape =
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: Stroke; alpha?: number }
  | {
      kind: 'rect';
      x: number;
      y: number;
      w: number;
      h: number;
      radius?: number;
      fill?: Paint;
      stroke?: Stroke;
      alpha?: number;
    }
  | {
      kind: 'circle';
      x: number;
      y: number;
      r: number;
      fill?: Paint;
      stroke?: Stroke;
      alpha?: number;
    }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      paint: Paint;
      size: number;
      weight?: 400 | 600 | 700 | 800;
      font?: 'sans' | 'mono';
      align?: 'left' | 'center' | 'right';
      alpha?: number;
    };

/**
 * Hue of a piece: a rainbow over the file (red → violet), so pieces fetched in order fill a
 * grid as a gradient and scattered ones as confetti.
 */
export function pieceHue(piece: number, of: number): number {
  return of <= 1 ? 0 : (piece / (of - 1)) * 290;
}

/** A piece colour readable on the theme's surface: darker on light, lighter on dark. */
export function pieceColor(piece: number, of: number, dark: boolean): string {
  const hue = pieceHue(piece, of);
  return dark ? `hsl(${hue.toFixed(1)} 70% 62%)` : `hsl(${hue.toFixed(1)} 72% 44%)`;
}

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Smooth start and stop for anything that moves. */
export const easeInOut = (t: number) => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);
