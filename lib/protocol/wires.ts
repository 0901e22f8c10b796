/** "What the network sees" (lib/wire-encryption.ts, lab-server/wire-capture.ts). */
import type { WireCaptureView } from '../wire-encryption';

export interface WiresClientEvents {
  /** The first bytes of the seeder's latest TCP/uTP connections; then `wires:state` on change. */
  'wires:watch': (ack: (view: WireCaptureView) => void) => void;
}

export interface WiresServerEvents {
  'wires:state': (view: WireCaptureView) => void;
}
