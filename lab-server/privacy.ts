/**
 * The privacy switch: whether everyone, not only the instructor, may see attendees' addresses
 * on the projector. Off by default; only the instructor flips it; kept on disk so a restarted
 * lab keeps the instructor's choice. Its own module (not part of the class index) so the hub and
 * the index both read it from one place.
 */
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import createDebug from 'debug';
import { PrivacyMessage } from '../lib/protocol';
import type { SocketLayer } from './socket-layer';
import { createStateFile } from './state-file';

const debug = createDebug('lab:privacy');

export const PRIVACY_FILE = 'privacy.json';

export interface Privacy extends EventEmitter {
  showAddresses(): boolean;
  close(): Promise<void>;
}

export function createPrivacy(opts: { sockets: SocketLayer; dataDir: string }): Privacy {
  const privacy = new EventEmitter() as Privacy;
  let showAddresses = false;
  const disk = createStateFile({
    dataDir: opts.dataDir,
    name: PRIVACY_FILE,
    schema: z.object({ showAddresses: z.boolean() }),
    read: () => ({ showAddresses }),
    onError: (err) => privacy.emit('error', err),
  });
  showAddresses = disk.initial?.showAddresses ?? false;
  if (disk.problem) process.nextTick(() => privacy.emit('warning', new Error(disk.problem!)));
  privacy.showAddresses = () => showAddresses;

  opts.sockets.handle('privacy:set', {
    instructorOnly: true,
    schema: PrivacyMessage,
    handle: async (msg) => {
      if (msg.showAddresses === showAddresses) return { ok: true };
      showAddresses = msg.showAddresses;
      debug('addresses %s', showAddresses ? 'shown' : 'hidden');
      privacy.emit('change', showAddresses);
      return (await disk.save())
        ? { ok: true }
        : { ok: true, error: 'switched, but the lab could not save it: a restart would forget' };
    },
  });

  privacy.close = async () => {
    await disk.flush();
    privacy.removeAllListeners('change');
  };
  return privacy;
}
