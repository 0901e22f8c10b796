'use client';

import { useId, useMemo, useState, type ReactNode } from 'react';
import {
  FACT_LABELS,
  FACTS,
  NO_TOOLS,
  OBSERVER_LABELS,
  TOOL_LABELS,
  TOOLS,
  whoSees,
  type Level,
  type Tool,
  type Tools,
} from '@/lib/diagrams/who-sees';
import { DiagramFrame } from './DiagramFrame';
import styles from './Diagram.module.css';
import ws from './WhoSees.module.css';

export interface WhoSeesWhatProps {
  alt: string;
  children?: ReactNode;
  /** Tools switched on at the start (default none). */
  initial?: Partial<Tools>;
}

const MARK: Record<Level, string> = { yes: 'sees', partly: 'may see', no: 'does not see' };

/** Switch privacy tools on and off; for each observer, what it learns about you and why. */
export function WhoSeesWhat({ alt, children, initial }: WhoSeesWhatProps) {
  const [tools, setTools] = useState<Tools>({ ...NO_TOOLS, ...initial });
  const rows = useMemo(() => whoSees(tools), [tools]);
  const id = useId();
  const toggle = (t: Tool) => setTools((x) => ({ ...x, [t]: !x[t] }));
  return (
    <DiagramFrame alt={alt} name="who-sees-what" caption={children}>
      <fieldset className={ws.tools}>
        <legend className={ws.legend}>Your privacy tools</legend>
        {TOOLS.map((t) => (
          <label key={t} className={ws.tool}>
            <input
              type="checkbox"
              checked={tools[t]}
              onChange={() => toggle(t)}
              data-testid={`ws-${t}`}
            />
            <span>{TOOL_LABELS[t]}</span>
          </label>
        ))}
      </fieldset>
      <div className={ws.grid} aria-live="polite">
        {rows.map((row) => (
          <section
            key={row.observer}
            className={ws.observer}
            aria-labelledby={`${id}-${row.observer}`}
            data-observer={row.observer}
          >
            <h3 id={`${id}-${row.observer}`} className={ws.name}>
              {OBSERVER_LABELS[row.observer]}
            </h3>
            <ul className={ws.facts}>
              {FACTS.map((f) => {
                const cell = row.cells[f];
                return (
                  <li key={f} className={`${ws.fact} ${ws[cell.level]}`} data-fact={f}>
                    <span className={ws.what}>
                      <span className={ws.badge}>{MARK[cell.level]}</span> {FACT_LABELS[f]}
                    </span>
                    <span className={ws.why}>{cell.why}</span>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
      <p className={`${styles.note} muted`}>
        “Your address” means your own IP address, tied to this activity. Observers that do not
        appear learn nothing from you.
      </p>
    </DiagramFrame>
  );
}
