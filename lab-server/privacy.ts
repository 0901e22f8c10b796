/**
 * The privacy switch: whether everyone, not only the instructor, may see attendees' addresses
 * on the projector. Off by default; only the instructor flips it. Its own module (not part of
 * the class index) so the hub and the index both read it from one place.
 */
import { EventEmitter } from 'node:events';
import createDebug from 'debug';
import { PrivacyMessage } from '../lib/protocol';
import type { SocketLayer } from './socket-layer';

const debug = createDebug('lab:privacy');

export interface Privacy extends EventEmitter {
  showAddresses(): boolean;
  close(): void;
}

export function createPrivacy(opts: { sockets: SocketLayer; initial?: boolean }): Privacy {
  const privacy = new EventEmitter() as Privacy;
  let showAddresses = opts.initial ?? false;
  privacy.showAddresses = () => showAddresses;

  opts.sockets.handle('privacy:set', {
    instructorOnly: true,
    schema: PrivacyMessage,
    handle: (msg) => {
      if (msg.showAddresses !== showAddresses) {
        showAddresses = msg.showAddresses;
        debug('addresses %s', showAddresses ? 'shown' : 'hidden');
        privacy.emit('change', showAddresses);
      }
      return { ok: true };
    },
  });

  privacy.close = () => privacy.removeAllListeners('change');
  return privacy;
}
