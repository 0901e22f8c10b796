'use client';

import { useMemo, useRef, useState, type ReactNode } from 'react';
import { encode, label, printable, toHex, hexToBytes, type Field } from '@/lib/diagrams/peer-wire';
import { sequenceLayout } from '@/lib/diagrams/sequence-layout';
import { mseScript } from '@/lib/diagrams/mse-script';
import { wireScript, type Side } from '@/lib/diagrams/wire-script';
import { Button, Icon, PlayButton, Segmented } from './controls';
import { DiagramFrame } from './DiagramFrame';
import styles from './Diagram.module.css';
import seq from './Handshake.module.css';
import { useElementSize } from './use-element-size';
import { useInView } from './use-in-view';
import { useInterval } from './use-interval';
import { useReducedMotion } from './use-reduced-motion';

export interface HandshakeSequenceProps {
  alt: string;
  children?: ReactNode;
  /** Seeds the info hash, the peer ids and the block's bytes. */
  seed?: number;
  /** Start at this message (0-based, default 0). */
  start?: number;
  /** Advance by itself when on screen (default false; never with prefers-reduced-motion). */
  autoPlay?: boolean;
  /** Start with the plain bytes or as an eavesdropper sees them with MSE (default plain). */
  view?: View;
}

type View = 'plain' | 'mse';

const VIEWS: { value: View; label: string }[] = [
  { value: 'plain', label: 'Plain' },
  { value: 'mse', label: 'With MSE' },
];

const NAMES: Record<Side, string> = { you: 'You', peer: 'Peer' };
const SHOW_BYTES = 20;
/** Names short enough for the narrow segments of the ribbon. */
const SHORT: Record<string, string> = {
  'length prefix': 'length',
  'message id': 'id',
  pstrlen: 'len',
};
const PLAY_MS = 3500;

function FieldBox({ field }: { field: Field }) {
  const n = field.bytes.length;
  const shown = field.bytes.subarray(0, SHOW_BYTES);
  return (
    <li className={`${seq.field} ${field.kind !== 'payload' ? seq[field.kind] : ''}`}>
      <span className={seq.fieldName}>
        {field.name} <small>· {n === 1 ? '1 byte' : `${n.toLocaleString('en-US')} bytes`}</small>
      </span>
      <code className={seq.hex}>
        {toHex(shown)}
        {n > SHOW_BYTES ? ` … (${(n - SHOW_BYTES).toLocaleString('en-US')} more)` : ''}
      </code>
      <span className={seq.fieldValue}>{field.value}</span>
    </li>
  );
}

/** The message's fields side by side, widths in proportion to their bytes (a long block cut). */
function Ribbon({ fields }: { fields: Field[] }) {
  return (
    <div className={seq.ribbon} aria-hidden="true">
      {fields.map((f) => (
        <span
          key={f.name}
          className={`${seq.segment} ${f.kind !== 'payload' ? seq[f.kind] : ''}`}
          style={{ flexGrow: Math.min(f.bytes.length, 24) }}
        >
          <span className={seq.segmentName}>{SHORT[f.name] ?? f.name}</span>
          <span className={seq.segmentBytes}>
            {f.bytes.length > 24 ? '≈ ' : ''}
            {f.bytes.length.toLocaleString('en-US')} B
          </span>
        </span>
      ))}
    </div>
  );
}

/** The peer wire conversation from handshake to the first piece, one message at a time. */
export function HandshakeSequence({
  alt,
  children,
  seed = 1,
  start = 0,
  autoPlay = false,
  view: initialView = 'plain',
}: HandshakeSequenceProps) {
  const [view, setView] = useState<View>(initialView);
  const figureRef = useRef<HTMLElement>(null);
  const svgBoxRef = useRef<HTMLDivElement>(null);
  // The MSE view is the same conversation: its DH and RC4 run only when asked for.
  const script = useMemo(() => (view === 'mse' ? mseScript(seed) : wireScript(seed)), [view, seed]);
  const last = script.steps.length - 1;
  const [rawAt, setAt] = useState(Math.max(0, start));
  const at = Math.min(last, rawAt);
  const [playing, setPlaying] = useState<boolean | null>(null);
  const reduced = useReducedMotion();
  const inView = useInView(figureRef);
  const { width } = useElementSize(svgBoxRef);
  const isPlaying = (playing ?? (autoPlay && !reduced)) && at < last;

  useInterval(isPlaying && inView, PLAY_MS, () => setAt((i) => Math.min(last, i + 1)));

  const step = script.steps[at]!;
  const bytes = encode(step.message).length;
  const to: Side = step.from === 'you' ? 'peer' : 'you';
  const layout = width > 0 ? sequenceLayout(script.steps, width) : null;

  return (
    <DiagramFrame alt={alt} name="handshake-sequence" caption={children} figureRef={figureRef}>
      <div className={seq.layout}>
        <div
          ref={svgBoxRef}
          className={styles.stage}
          style={{ minHeight: sequenceLayout(script.steps, 0).height }}
        >
          {layout ? (
            <svg
              className={styles.svg}
              viewBox={`0 0 ${layout.width} ${layout.height}`}
              width={layout.width}
              height={layout.height}
              aria-hidden="true"
            >
              {(['you', 'peer'] as const).map((side) => (
                <g key={side}>
                  <line
                    className={seq.lane}
                    x1={layout.lanes[side]}
                    x2={layout.lanes[side]}
                    y1={layout.headerH}
                    y2={layout.height}
                  />
                  <rect
                    className={seq.who}
                    x={layout.lanes[side] - 56}
                    y={4}
                    width={112}
                    height={layout.headerH - 8}
                    rx={8}
                  />
                  <text className={seq.whoName} x={layout.lanes[side]} y={30} textAnchor="middle">
                    {NAMES[side]}
                  </text>
                  <text className={seq.whoClient} x={layout.lanes[side]} y={48} textAnchor="middle">
                    {printable(hexToBytes(script.peerIds[side]).subarray(0, 8))}
                  </text>
                </g>
              ))}
              {layout.arrows.map((a) => {
                const m = script.steps[a.index]!.message;
                const state = a.index === at ? seq.current : a.index > at ? seq.future : '';
                return (
                  <g
                    key={`${a.index}-${a.index === at ? 'now' : 'then'}`}
                    className={`${seq.arrow} ${state}`}
                  >
                    <line x1={a.x1} x2={a.x2} y1={a.y} y2={a.y} pathLength={1} />
                    <polygon points={a.head} />
                    <text x={a.labelX} y={a.y - 9} textAnchor="middle">
                      {label(m)}
                    </text>
                  </g>
                );
              })}
            </svg>
          ) : null}
        </div>
        <div className={seq.detail} aria-live="polite">
          <h3 className={seq.title} data-testid="hs-title">
            {NAMES[step.from]} → {NAMES[to]}: {label(step.message)}
          </h3>
          <p className={seq.meta}>
            Message {at + 1} of {script.steps.length} · {bytes.toLocaleString('en-US')} bytes on the
            wire
          </p>
          <p className={seq.explain}>{step.explain}</p>
          <Ribbon fields={step.message.fields} />
          <ul className={seq.fields} aria-label="Byte layout">
            {step.message.fields.map((f) => (
              <FieldBox key={f.name} field={f} />
            ))}
          </ul>
        </div>
      </div>
      <div className={styles.toolbar}>
        <div className={styles.group}>
          <PlayButton
            playing={isPlaying}
            onToggle={() => {
              if (!isPlaying && at === last) setAt(0);
              setPlaying(!isPlaying);
            }}
          />
          <Button
            onClick={() => setAt((i) => Math.max(0, i - 1))}
            disabled={at === 0}
            label="Previous message"
          >
            <Icon name="back" />
            Back
          </Button>
          <Button
            onClick={() => setAt((i) => Math.min(last, i + 1))}
            disabled={at === last}
            label="Next message"
          >
            <Icon name="step" />
            Next
          </Button>
          <Button
            onClick={() => {
              setAt(0);
              setPlaying(false);
            }}
          >
            <Icon name="reset" />
            Restart
          </Button>
        </div>
        <Segmented
          legend="On the wire"
          value={view}
          options={VIEWS}
          onChange={(v) => {
            setView(v);
            setAt(0);
            setPlaying(false);
          }}
        />
        <span className={`${styles.stat} muted`} data-testid="hs-step">
          {at + 1} / {script.steps.length}
        </span>
      </div>
    </DiagramFrame>
  );
}
