'use client';

import { useState } from 'react';
import styles from './Desktop.module.css';

/**
 * The lab is served over plain http on a LAN address, which is not a secure context, so
 * `navigator.clipboard` is usually missing: fall back to a selected textarea and execCommand.
 */
async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // fall through to the old way
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

export function CopyField({
  label,
  value,
  testId,
}: {
  label: string;
  value: string | null;
  testId?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    if (!value) return;
    setState((await copyText(value)) ? 'copied' : 'failed');
    window.setTimeout(() => setState('idle'), 2000);
  };
  return (
    <div className={styles.copyField}>
      <code className={styles.copyValue} data-testid={testId}>
        {value ?? '…'}
      </code>
      <button
        type="button"
        className={`button secondary ${styles.copyButton}`}
        onClick={() => void copy()}
        disabled={!value}
        aria-label={`Copy ${label}`}
      >
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : 'Copy'}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {state === 'copied' ? `${label} copied` : ''}
      </span>
    </div>
  );
}
