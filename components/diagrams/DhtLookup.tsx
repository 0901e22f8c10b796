'use client';

import { useMemo, useRef, useState, type ReactNode } from 'react';
import {
  createDhtNetwork,
  describeStep,
  DHT_DEFAULTS,
  lookup,
  sharedPrefix,
  toBinary,
  xor,
  type DhtNetwork,
  type LookupStep,
} from '@/lib/diagrams/dht';
import { dhtLayout, type Pill } from '@/lib/diagrams/dht-layout';
import { Button, Icon, PlayButton } from './controls';
import { DiagramFrame } from './DiagramFrame';
import styles from './Diagram.module.css';
import dh from './Dht.module.css';
import { useElementSize } from './use-element-size';
import { useInView } from './use-in-view';
import { useInterval } from './use-interval';
import { useReducedMotion } from './use-reduced-motion';

export interface DhtLookupProps {
  alt: string;
  children?: ReactNode;
  /** Seeds the node ids, the target and the routing tables. */
  seed?: number;
  /** Nodes in the network (default 40, in an 8-bit id space). */
  nodes?: number;
  /** Bucket size and the number of closest nodes wanted (default 4; BitTorrent uses 8). */
  k?: number;
  /** Advance by itself when on screen (default false; never with prefers-reduced-motion). */
  autoPlay?: boolean;
}

const PLAY_MS = 3000;

const LEGEND = [
  ['keyYou', 'you'],
  ['keyQuerying', 'asked this round'],
  ['keyAsked', 'answered'],
  ['keyStorer', 'has peers'],
  ['keyKnown', 'known'],
  ['keyUnknown', 'not known yet'],
] as const;

function stateOf(net: DhtNetwork, step: LookupStep, id: number): string {
  if (id === net.you) return dh.you!;
  const answer = step.responses.find((r) => r.from === id);
  if (answer && answer.values.length > 0) return dh.storer!;
  if (step.queried.includes(id)) return dh.querying!;
  const learned = step.round > 0 && step.learned.includes(id) ? dh.learned! : '';
  if (step.asked.includes(id)) return `${dh.asked} ${learned}`;
  if (step.known.includes(id)) return `${dh.known} ${learned}`;
  return dh.unknown!;
}

function PillView({
  pill,
  bits,
  target,
  className,
}: {
  pill: Pill;
  bits: number;
  target: number;
  className: string;
}) {
  const text = toBinary(pill.id, bits);
  const shared = Math.min(bits, sharedPrefix(pill.id, target, bits));
  return (
    <g className={`${dh.pill} ${className}`} data-node={text}>
      <rect x={pill.x} y={pill.y} width={pill.w} height={pill.h} rx={pill.h / 2} />
      <text x={pill.x + pill.w / 2} y={pill.y + pill.h / 2 + 5} textAnchor="middle">
        <tspan className={dh.prefix}>{text.slice(0, shared)}</tspan>
        <tspan>{text.slice(shared)}</tspan>
      </text>
    </g>
  );
}

/** XOR distance in binary, its leading zeros (the shared prefix) dimmed. */
function Distance({ d, bits }: { d: number; bits: number }) {
  const text = toBinary(d, bits);
  const zeros = text.length - text.replace(/^0+/, '').length;
  return (
    <span className={dh.mono}>
      <span className={dh.zeros}>{text.slice(0, zeros)}</span>
      {text.slice(zeros)} <span className={dh.zeros}>= {d}</span>
    </span>
  );
}

/** A Kademlia get_peers lookup, round by round, in an id space small enough to read. */
export function DhtLookup({
  alt,
  children,
  seed = DHT_DEFAULTS.seed,
  nodes = DHT_DEFAULTS.nodes,
  k = DHT_DEFAULTS.k,
  autoPlay = false,
}: DhtLookupProps) {
  const figureRef = useRef<HTMLElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const [netSeed, setNetSeed] = useState(seed);
  const net = useMemo(() => createDhtNetwork({ seed: netSeed, nodes, k }), [netSeed, nodes, k]);
  const steps = useMemo(() => lookup(net), [net]);
  const [at, setAt] = useState(0);
  const [playing, setPlaying] = useState<boolean | null>(null);
  const reduced = useReducedMotion();
  const inView = useInView(figureRef);
  const { width } = useElementSize(stageRef);
  const last = steps.length - 1;
  const isPlaying = (playing ?? (autoPlay && !reduced)) && at < last;
  useInterval(isPlaying && inView, PLAY_MS, () => setAt((i) => Math.min(last, i + 1)));

  const step = steps[Math.min(at, last)]!;
  const { bits } = net.options;
  const layout = width > 0 ? dhtLayout(net, width) : null;
  const closest = step.known.slice(0, k);

  return (
    <DiagramFrame alt={alt} name="dht-lookup" caption={children} figureRef={figureRef}>
      <div className={dh.layout}>
        <div ref={stageRef} className={styles.stage}>
          {layout ? (
            <svg
              className={styles.svg}
              viewBox={`0 0 ${layout.width} ${layout.height}`}
              width={layout.width}
              height={layout.height}
              aria-hidden="true"
            >
              {layout.bands.map((b, i) => {
                const wide = layout.labelW > 0;
                const empty =
                  b.shared < bits &&
                  !net.ids.some((id) => sharedPrefix(id, net.target, bits) === b.shared);
                return (
                  <g key={b.shared}>
                    <rect
                      className={i % 2 === 0 ? dh.band : dh.bandAlt}
                      x={0}
                      y={b.y}
                      width={layout.width}
                      height={b.h}
                      rx={6}
                    />
                    <text className={dh.pattern} x={8} y={b.y + (wide ? 24 : 16)}>
                      {b.pattern}
                    </text>
                    {b.shared < bits ? (
                      <text
                        className={dh.range}
                        x={wide ? 8 : 8 + bits * layout.charW + 12}
                        y={b.y + (wide ? 41 : 16)}
                      >
                        distance {b.range}
                        {empty && !wide ? ' · no node' : ''}
                      </text>
                    ) : null}
                    {empty && wide ? (
                      <text className={dh.empty} x={layout.labelW + 4} y={b.y + 24}>
                        no node here
                      </text>
                    ) : null}
                  </g>
                );
              })}
              {step.responses.flatMap((r) => {
                const from = layout.pills.get(r.from);
                if (!from) return [];
                return r.nodes
                  .filter((id) => step.learned.includes(id))
                  .map((id) => {
                    const to = layout.pills.get(id);
                    if (!to) return null;
                    const x1 = from.x + from.w / 2;
                    const y1 = from.y + from.h;
                    const x2 = to.x + to.w / 2;
                    const y2 = to.y;
                    const my = (y1 + y2) / 2;
                    return (
                      <path
                        key={`${r.from}>${id}`}
                        className={dh.answer}
                        d={`M${x1},${y1}C${x1},${my} ${x2},${my} ${x2},${y2}`}
                      />
                    );
                  });
              })}
              {[...layout.pills.values()].map((p) => (
                <PillView
                  key={p.id}
                  pill={p}
                  bits={bits}
                  target={net.target}
                  className={stateOf(net, step, p.id)}
                />
              ))}
              <PillView
                pill={layout.target}
                bits={bits}
                target={net.target}
                className={dh.target!}
              />
              <text
                className={dh.tagText}
                x={layout.target.x + layout.target.w + 10}
                y={layout.target.y + 19}
              >
                target info hash
              </text>
            </svg>
          ) : null}
        </div>
        <div className={dh.side} aria-live="polite">
          <h3 className={dh.title} data-testid="dht-round">
            {step.round === 0 ? 'Before the first query' : `Round ${step.round} of ${last}`}
          </h3>
          <p className={dh.text}>{describeStep(net, step)}</p>
          <table className={dh.table}>
            <caption className="visually-hidden">The {k} closest nodes known so far</caption>
            <thead>
              <tr>
                <th scope="col">{k} closest known</th>
                <th scope="col">XOR target = distance</th>
                <th scope="col">asked?</th>
              </tr>
            </thead>
            <tbody>
              {closest.map((id) => (
                <tr key={id}>
                  <td className={dh.mono}>{toBinary(id, bits)}</td>
                  <td>
                    <Distance d={xor(id, net.target)} bits={bits} />
                  </td>
                  <td className={dh.nowrap}>
                    {step.asked.includes(id) ? <span className={dh.ok}>✓ yes</span> : 'not yet'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {step.peers.length > 0 ? (
            <>
              <p className={dh.text} style={{ marginBottom: '0.3rem' }}>
                <strong>Peers found</strong> (values of get_peers):
              </p>
              <ul className={dh.peers} data-testid="dht-peers">
                {step.peers.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
      <div className={dh.legend}>
        {LEGEND.map(([cls, text]) => (
          <span key={text}>
            <i className={`${dh.key} ${dh[cls]}`} />
            {text}
          </span>
        ))}
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
            label="Previous round"
          >
            <Icon name="back" />
            Back
          </Button>
          <Button
            onClick={() => setAt((i) => Math.min(last, i + 1))}
            disabled={at === last}
            label="Next round"
          >
            <Icon name="step" />
            Next
          </Button>
          <Button
            onClick={() => {
              setAt(0);
              setPlaying(false);
              setNetSeed((s) => s + 1);
            }}
          >
            <Icon name="reset" />
            Another network
          </Button>
        </div>
        <span className={`${styles.stat} muted`}>
          {bits}-bit ids · {net.ids.length} nodes · k = {k}
          {k === 8 ? '' : ' (BitTorrent: 8)'} · α = {net.options.alpha}
        </span>
      </div>
    </DiagramFrame>
  );
}
