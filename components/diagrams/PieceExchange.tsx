'use client';

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import {
  advance,
  animate,
  createExchange,
  EXCHANGE_DEFAULTS,
  isMoving,
  MAX_PEERS,
  summarize,
  withPeerAdded,
  withBadPeer,
  withPeerRemoved,
  withSeedRemoved,
  withStrategy,
  type Exchange,
  type ExchangeSummary,
} from '@/lib/diagrams/exchange-model';
import { exchangeHeight } from '@/lib/diagrams/exchange-layout';
import { exchangeScene, type ColorMode } from '@/lib/diagrams/exchange-scene';
import type { Strategy } from '@/lib/sim';
import { Button, Icon, PlayButton, Segmented, Select } from './controls';
import { DiagramFrame } from './DiagramFrame';
import styles from './Diagram.module.css';
import { paintShapes, prepareCanvas, readPalette, type Palette } from './paint-canvas';
import { useAnimationLoop } from './use-animation-loop';
import { useElementSize } from './use-element-size';
import { useInView } from './use-in-view';
import { useReducedMotion } from './use-reduced-motion';
import { useTheme } from './use-theme';

export interface PieceExchangeProps {
  /** What the diagram shows, for screen readers. */
  alt: string;
  /** The caption. */
  children?: ReactNode;
  /** Downloading peers at the start, 1–16 (default 7); the seed comes on top. */
  peers?: number;
  /** Pieces in the file (default 32). */
  pieces?: number;
  strategy?: Strategy;
  /** The simulator's seed: the same props always play the same swarm. */
  seed?: number;
  /** Colour pieces by index (a rainbow) or by who sent them (default 'piece'). */
  colorBy?: ColorMode;
  /** Start playing when on screen (default true; never with prefers-reduced-motion). */
  autoPlay?: boolean;
}

const STRATEGY_OPTIONS = [
  { value: 'rarest-first', label: 'Rarest first' },
  { value: 'random', label: 'Random' },
  { value: 'sequential', label: 'Sequential' },
] as const satisfies readonly { value: Strategy; label: string }[];

const SPEEDS = [0.5, 1, 2, 4, 8].map((s) => ({ value: s, label: `${s}×` }));
/** One press of Step runs this many simulated seconds. */
const STEP_SECONDS = 1;

function sameSummary(a: ExchangeSummary, b: ExchangeSummary): boolean {
  return (
    a.time === b.time &&
    a.delivered === b.delivered &&
    a.peers === b.peers &&
    a.seedPresent === b.seedPresent &&
    a.strategy === b.strategy
  );
}

/** A simulated swarm: pieces flowing from the seed and between peers, each peer's piece map. */
export function PieceExchange({
  alt,
  children,
  peers = EXCHANGE_DEFAULTS.peers,
  pieces = EXCHANGE_DEFAULTS.pieces,
  strategy = EXCHANGE_DEFAULTS.strategy,
  seed = EXCHANGE_DEFAULTS.seed,
  colorBy = 'piece',
  autoPlay = true,
}: PieceExchangeProps) {
  const figureRef = useRef<HTMLElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const paletteRef = useRef<Palette | null>(null);
  const [initial] = useState(() => createExchange({ peers, pieces, strategy, seed }));
  const exRef = useRef<Exchange>(initial);
  const [summary, setSummary] = useState(() => summarize(initial));
  const [playing, setPlaying] = useState<boolean | null>(null);
  const [speed, setSpeed] = useState(2);
  const [colorMode, setColorMode] = useState<ColorMode>(colorBy);
  const [settling, setSettling] = useState(false);
  const reduced = useReducedMotion();
  const inView = useInView(figureRef);
  const size = useElementSize(stageRef);
  const theme = useTheme();
  const motion = !reduced;
  const isPlaying = playing ?? (autoPlay && !reduced);
  const finished = summary.peers > 0 && summary.done === summary.peers;

  // What a repaint needs besides the model, kept current after each render so that
  // the animation frame and the event handlers paint with the latest size, theme and colours.
  const viewRef = useRef({ size, theme, colorMode, motion });
  const draw = useCallback((now: number) => {
    const canvas = canvasRef.current;
    const view = viewRef.current;
    if (!canvas || view.size.width === 0) return;
    const dark = view.theme === 'dark';
    if (paletteRef.current?.dark !== dark) paletteRef.current = readPalette(canvas, dark);
    const ctx = prepareCanvas(canvas, view.size.width, view.size.height);
    if (!ctx) return;
    const { width, height } = view.size;
    const options = { width, height, now, colorMode: view.colorMode, motion: view.motion };
    const shapes = exchangeScene(exRef.current, options);
    paintShapes(ctx, shapes, paletteRef.current);
  }, []);

  /** Keeps the new state, updates the words under the picture when they changed, repaints. */
  const commit = (next: Exchange, now = performance.now()) => {
    exRef.current = next;
    const s = summarize(next);
    setSummary((old) => (sameSummary(old, s) ? old : s));
    draw(now);
  };

  useAnimationLoop(inView && (isPlaying || settling), (now, dt) => {
    const started = performance.now();
    let ex = exRef.current;
    if (isPlaying) ex = advance(ex, (dt / 1000) * speed, now);
    ex = animate(ex, now, dt, motion);
    commit(ex, now);
    if (!isPlaying && !isMoving(ex)) setSettling(false);
    // For bench/diagram-fps.ts: frames drawn, and the cost of the last one.
    const figure = figureRef.current;
    if (figure) {
      figure.dataset.frames = String(Number(figure.dataset.frames ?? 0) + 1);
      figure.dataset.frameMs = (performance.now() - started).toFixed(3);
    }
  });

  // Repaint a still picture when the size, theme or colours change.
  useLayoutEffect(() => {
    viewRef.current = { size, theme, colorMode, motion };
    draw(performance.now());
  }, [draw, size, theme, colorMode, motion]);

  // Playing to the end stops by itself, so a finished swarm does not burn frames.
  useEffect(() => {
    if (finished && isPlaying) {
      const id = setTimeout(() => setPlaying(false), 1500);
      return () => clearTimeout(id);
    }
  }, [finished, isPlaying]);

  const change = (fn: (ex: Exchange) => Exchange) => {
    const now = performance.now();
    commit(animate(fn(exRef.current), now, 0, motion), now);
    if (motion) setSettling(true);
  };

  const stepOnce = () =>
    change((ex) => advance(ex, STEP_SECONDS, performance.now(), motion ? 600 : 0));

  const reset = () => {
    const fresh = createExchange({ peers, pieces, strategy: summary.strategy, seed });
    exRef.current = fresh;
    setPlaying(false);
    change((ex) => ex);
  };

  const preferred = Math.max(
    360,
    Math.min(760, Math.round(size.width * (size.width < 560 ? 1.45 : 0.6))),
  );
  const height = exchangeHeight(
    summary.peers + (summary.seedPresent ? 1 : 0),
    summary.pieceCount,
    size.width,
    preferred,
  );
  const lostWarning =
    summary.lost > 0
      ? `${summary.lost} ${summary.lost === 1 ? 'piece is' : 'pieces are'} gone from the swarm: nobody can finish`
      : null;

  return (
    <DiagramFrame alt={alt} name="piece-exchange" caption={children} figureRef={figureRef}>
      <div ref={stageRef} className={styles.stage} style={{ height }}>
        <canvas ref={canvasRef} className={styles.canvas} aria-hidden="true" />
      </div>
      <div className={styles.status} aria-live="off">
        <span className={styles.stat}>
          Time <b data-testid="pe-time">{summary.time.toFixed(1)} s</b>
        </span>
        <span className={styles.stat}>
          Done{' '}
          <b data-testid="pe-done">
            {summary.done} of {summary.peers}
          </b>{' '}
          peers
        </span>
        <span className={styles.stat}>
          <b data-testid="pe-delivered">{summary.delivered}</b> pieces moved
        </span>
        {summary.badPeer || summary.hashFailures > 0 ? (
          <span className={styles.stat}>
            <b data-testid="pe-failed">{summary.hashFailures}</b> failed the hash check, fetched
            again
          </span>
        ) : null}
        {lostWarning ? <span className={styles.warn}>{lostWarning}</span> : null}
        {finished ? <span className={styles.good}>Every peer has the whole file.</span> : null}
        <span className={styles.legendRight}>
          {colorMode === 'source' ? (
            <>
              <span>
                <i className={styles.swatch} style={{ background: 'var(--piece-seed)' }} />
                from the seed
              </span>
              <span>
                <i className={styles.swatch} style={{ background: 'var(--piece-peer)' }} />
                from a peer
              </span>
            </>
          ) : (
            <span>
              <i className={`${styles.swatch} ${styles.rainbow}`} style={{ width: '3em' }} />
              piece 1 → {summary.pieceCount}
            </span>
          )}
        </span>
      </div>
      <ul className={styles.visuallyHidden} data-testid="pe-holdings">
        {summary.holdings.map((h) => (
          <li key={h.id} data-have={h.have}>
            {h.id}: {h.have} of {summary.pieceCount} pieces
          </li>
        ))}
      </ul>
      <div className={styles.toolbar}>
        <div className={styles.group}>
          <PlayButton playing={isPlaying} onToggle={() => setPlaying(!isPlaying)} />
          <Button onClick={stepOnce} label={`Step ${STEP_SECONDS} simulated second`}>
            <Icon name="step" />
            Step
          </Button>
          <Button onClick={reset}>
            <Icon name="reset" />
            Reset
          </Button>
          <Select label="Speed" value={speed} options={SPEEDS} onChange={setSpeed} />
        </div>
        <Segmented
          legend="Pieces"
          value={summary.strategy}
          options={STRATEGY_OPTIONS}
          onChange={(s) => change((ex) => withStrategy(ex, s))}
        />
        <Segmented
          legend="Colour"
          value={colorMode}
          options={[
            { value: 'piece', label: 'By piece' },
            { value: 'source', label: 'By source' },
          ]}
          onChange={setColorMode}
        />
        <div className={styles.group}>
          <Button onClick={() => change(withPeerAdded)} disabled={summary.peers >= MAX_PEERS}>
            Add peer
          </Button>
          <Button
            onClick={() => change((ex) => withPeerRemoved(ex))}
            disabled={summary.peers === 0}
          >
            Remove peer
          </Button>
          <Button
            onClick={() => change((ex) => withBadPeer(ex, !summary.badPeer))}
            disabled={!summary.badPeer && summary.peers === 0}
            label={
              summary.badPeer
                ? `Fix ${summary.badPeer}: it sends good data again`
                : 'Bad peer: the first peer starts sending corrupt pieces'
            }
          >
            {summary.badPeer ? `Fix ${summary.badPeer}` : 'Bad peer'}
          </Button>
          <Button
            onClick={() => change(withSeedRemoved)}
            disabled={!summary.seedPresent}
            variant="danger"
          >
            The seed leaves
          </Button>
        </div>
      </div>
    </DiagramFrame>
  );
}
