/**
 * The seeder's protocol encryption (MSE/PE) on its TCP and uTP wires: webtorrent's `secure`
 * level for the mode (lib/wire-encryption.ts says why "preferred" is level 2, not 1), the
 * check every new wire passes before the seeder answers it, and closing the open wires a new
 * mode would not have made.
 */
import createDebug from 'debug';
import type WebTorrent from 'webtorrent';
import type { Wire } from 'webtorrent';
import {
  acceptsWire,
  webtorrentSecureLevel,
  type EncryptionMode,
  type WireEncryption,
} from '../lib/wire-encryption';
import { wireEncryption, wireRemote } from './seeder-sockets';

const debug = createDebug('lab:seeder');

/** A TCP/uTP wire past its handshake: 'wire:opened', or 'wire:refused' by the encryption rule. */
export interface WireHandshake {
  remote: string;
  peerId: string;
  infoHash: string;
  encryption: WireEncryption;
}

export interface WireScreen {
  mode(): EncryptionMode;
  setMode(mode: EncryptionMode): void;
  /** Checks a new wire against the mode; true if it was refused (and destroyed). */
  screen(wire: Wire, infoHash: string): boolean;
}

const isDesktopWire = (w: Wire) => /^(tcp|utp)/.test(w.type);

export function createWireScreen(
  client: WebTorrent,
  emit: (event: 'wire:opened' | 'wire:refused', wire: WireHandshake) => void,
): WireScreen {
  // Set after construction: at construction webtorrent warns at level 2 that RC4 without
  // --openssl-legacy-provider "WILL cause performance issues", but its JavaScript RC4 ran at
  // ~330 MiB/s here, far above what a classroom's Wi-Fi carries.
  let mode: EncryptionMode = 'preferred';
  client.secure = webtorrentSecureLevel(mode);
  return {
    mode: () => mode,
    setMode(next) {
      mode = next;
      client.secure = webtorrentSecureLevel(next);
      for (const torrent of client.torrents)
        for (const w of torrent.wires)
          if (isDesktopWire(w) && !acceptsWire(next, wireEncryption(w))) w.destroy();
      debug('encryption %s', next);
    },
    screen(wire, infoHash) {
      if (!isDesktopWire(wire) || !wire.peerId) return false;
      const seen: WireHandshake = {
        remote: wireRemote(wire),
        peerId: wire.peerId,
        infoHash,
        encryption: wireEncryption(wire),
      };
      if (acceptsWire(mode, seen.encryption)) {
        emit('wire:opened', seen);
        return false;
      }
      debug('refused a %s wire from %s (encryption %s)', seen.encryption, seen.remote, mode);
      emit('wire:refused', seen);
      wire.destroy();
      return true;
    },
  };
}
