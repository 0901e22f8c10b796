/** The privacy switch: may the projector show attendees' addresses (lab-server/privacy.ts). */
import { z } from 'zod';
import type { Ack } from './common';

export const PrivacyMessage = z.object({ showAddresses: z.boolean() });

export interface PrivacyClientEvents {
  'privacy:set': (msg: z.input<typeof PrivacyMessage>, ack: (r: Ack) => void) => void;
}
