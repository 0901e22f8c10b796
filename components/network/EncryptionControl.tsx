'use client';

import { ENCRYPTION_LABELS, ENCRYPTION_MODES, type EncryptionMode } from '@/lib/wire-encryption';
import type { ExperimentsControl } from '@/components/instructor/use-experiments';
import styles from './Network.module.css';

const HELP: Record<EncryptionMode, string> = {
  off: 'the seeder speaks only plaintext BitTorrent; a client that requires encryption cannot connect',
  preferred:
    'plaintext clients are accepted; a client that offers MSE gets RC4 on the whole stream',
  required: 'only MSE with RC4; the seeder drops a plaintext handshake without answering it',
};

/** The instructor's three-way switch for the seeder's protocol encryption. */
export function EncryptionControl({ control }: { control: ExperimentsControl }) {
  return (
    <fieldset className={styles.modes} data-testid="encryption-control">
      <legend>Seeder protocol encryption (MSE/PE)</legend>
      {ENCRYPTION_MODES.map((mode) => (
        <label key={mode} className={styles.mode}>
          <input
            type="radio"
            name="encryption"
            value={mode}
            checked={control.state.encryption === mode}
            onChange={() => control.set({ encryption: mode })}
          />
          <span>
            <strong>{ENCRYPTION_LABELS[mode]}</strong>
            <span className="muted"> — {HELP[mode]}</span>
          </span>
        </label>
      ))}
      <p className="muted">
        Changing it closes the desktop connections the new setting would not have made; their
        clients reconnect under the new rule. Browsers are not affected: WebRTC is always encrypted
        (DTLS).
      </p>
    </fieldset>
  );
}
