'use client';

import { useEffect, useRef } from 'react';
import { useReducedMotion } from '@/components/diagrams/use-reduced-motion';
import { useTheme } from '@/components/diagrams/use-theme';
import type { SwarmSnapshot } from '@/lib/swarm-model';
import { drawSwarm, readColors, type SwarmColors } from './draw-swarm';
import styles from './SwarmCircle.module.css';

/**
 * The swarm as a picture, on a canvas: one draw per animation frame whatever the class size
 * (an SVG of 300 nodes and their links re-rendered by React could not keep up).
 */
export function SwarmCanvas({ snapshot }: { snapshot: SwarmSnapshot }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const latest = useRef(snapshot);
  const reduced = useReducedMotion();
  // The system's scheme or the projector's own toggle (data-theme on <html>): repaint with it.
  const theme = useTheme();
  const colorsRef = useRef<SwarmColors | null>(null);

  useEffect(() => {
    if (canvasRef.current) colorsRef.current = readColors(canvasRef.current);
  }, [theme]);

  useEffect(() => {
    latest.current = snapshot;
  }, [snapshot]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let size = { w: 0, h: 0 };
    colorsRef.current = readColors(canvas);
    const resize = () => {
      const rect = canvas.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      size = { w: rect.width, h: rect.height };
      canvas.width = Math.round(rect.width * dpr);
      canvas.height = Math.round(rect.height * dpr);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      colorsRef.current = readColors(canvas);
    };
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    resize();

    let frame = 0;
    let drawn: SwarmSnapshot | null = null;
    let drawnColors: SwarmColors | null = null;
    const loop = (now: number) => {
      // With reduced motion, draw only when the swarm changed, and keep the dots still.
      const colors = colorsRef.current!;
      if (!reduced || drawn !== latest.current || drawnColors !== colors) {
        drawSwarm(ctx, latest.current, size.w, size.h, reduced ? 0.5 : now / 1000, colors);
        drawn = latest.current;
        drawnColors = colors;
      }
      frame = requestAnimationFrame(loop);
    };
    frame = requestAnimationFrame(loop);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [reduced]);

  const attendees = snapshot.peers.filter((p) => p.kind !== 'seeder').length;
  return (
    <canvas
      ref={canvasRef}
      className={styles.canvas}
      role="img"
      data-theme={theme}
      aria-label={`The swarm: the seeder and ${attendees} ${attendees === 1 ? 'peer' : 'peers'}; the list beside it has each one's progress`}
    />
  );
}
