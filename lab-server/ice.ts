/**
 * The room's own STUN and TURN, in the lab's process on one UDP port (lab port + 1 by default).
 *
 * STUN gives every browser a reflexive candidate carrying its real LAN address: that fixes rooms
 * where Chromium's mDNS host names cannot be resolved (multicast filtered, or the lab's Node
 * WebRTC, which asks ordinary DNS) and hosts with no default route (Chromium then gathers no host
 * candidate). TURN (turn-relay.ts) relays classmates who cannot reach each other at all (client
 * isolation on guest Wi-Fi), only inside the room's subnets and only with credentials the lab
 * issued. `relay: false` serves STUN only; `external` hands out an outside coturn's TURN instead
 * (its `static-auth-secret` is the same REST scheme).
 */
import dgram from 'node:dgram';
import { EventEmitter } from 'node:events';
import createDebug from 'debug';
import type { IceServer } from '../lib/lab-info';
import { issueTurnCredential, randomSecret } from './ice-credentials';
import {
  Attr,
  attribute,
  buildStun,
  encodeErrorCode,
  encodeXorAddress,
  looksLikeStun,
  MessageClass,
  Method,
  parseChannelData,
  parseStun,
  StunParseError,
  type TransportAddress,
} from './stun-message';
import { inSubnets, type Subnet } from './subnets';
import { createTurnRelay, type TurnRelay, type TurnStats } from './turn-relay';

const debug = createDebug('lab:ice');

export interface IceOptions {
  /** Interface to listen on (the lab's --host). */
  host: string;
  /** UDP port; 0 picks a free one. */
  port: number;
  /** The lab's address attendees reach: in the URLs handed out, and where relays are bound. */
  publicAddress: string;
  /** Run the TURN relay (default true). */
  relay?: boolean;
  /** The subnets the relay may relay to. */
  roomSubnets: readonly Subnet[];
  /** HMAC secret of the credentials; random per start when absent. */
  secret?: string;
  /** How long a handed-out TURN credential lasts (default 8 h: a workshop day). */
  credentialTtlSeconds?: number;
  /** An outside TURN server (coturn with use-auth-secret) instead of the lab's own relay. */
  external?: { url: string; secret: string };
  maxAllocations?: number;
  maxAllocationsPerUser?: number;
}

export interface IceStats {
  bindings: number;
  turn: TurnStats | null;
}

export interface Ice extends EventEmitter {
  listen(): Promise<{ port: number }>;
  /** STUN and TURN for one page or peer, with a fresh credential named after it. */
  iceServers(name: string, ttlSeconds?: number): IceServer[];
  stats(): IceStats;
  /** The UDP port it listens on (0 before listen). */
  port(): number;
  /** One line for the start-up banner. */
  describe(): string;
  close(): Promise<void>;
}

export function createIce(opts: IceOptions): Ice {
  const ice = new EventEmitter() as Ice;
  const secret = opts.secret ?? randomSecret();
  const ttl = opts.credentialTtlSeconds ?? 8 * 3600;
  const socket = dgram.createSocket('udp4');
  let port = 0;
  let bindings = 0;

  const send = (buf: Buffer, to: TransportAddress) =>
    socket.send(buf, to.port, to.address, (err) => {
      if (err) ice.emit('warning', err);
    });

  const relay: TurnRelay | null =
    opts.relay === false || opts.external
      ? null
      : createTurnRelay({
          secret,
          realm: 'swarmlab',
          relayAddress: opts.publicAddress,
          allowPeer: (ip) => inSubnets(ip, opts.roomSubnets),
          send,
          maxAllocations: opts.maxAllocations,
          maxAllocationsPerUser: opts.maxAllocationsPerUser,
        });
  relay?.on('warning', (err: Error) => ice.emit('warning', err));

  const binding = (msg: ReturnType<typeof parseStun>, from: TransportAddress) => {
    bindings++;
    send(
      buildStun({
        method: Method.binding,
        cls: MessageClass.success,
        transactionId: msg.transactionId,
        attributes: [[Attr.xorMappedAddress, encodeXorAddress(from)]],
        // Answered with a FINGERPRINT when asked with one (ICE agents check it).
        fingerprint: attribute(msg, Attr.fingerprint) !== undefined,
      }),
      from,
    );
  };

  socket.on('message', (buf, rinfo) => {
    const from: TransportAddress = { family: 'IPv4', address: rinfo.address, port: rinfo.port };
    try {
      if (!looksLikeStun(buf)) {
        const channelData = parseChannelData(buf);
        if (channelData && relay)
          relay.handleChannelData(channelData.channel, channelData.data, from);
        return;
      }
      const msg = parseStun(buf);
      if (msg.method === Method.binding) {
        if (msg.cls === MessageClass.request) binding(msg, from);
        return;
      }
      if (relay) relay.handle(msg, from);
      else if (msg.cls === MessageClass.request)
        send(
          buildStun({
            method: msg.method,
            cls: MessageClass.error,
            transactionId: msg.transactionId,
            attributes: [[Attr.errorCode, encodeErrorCode(403, 'Forbidden: relaying is off')]],
          }),
          from,
        );
    } catch (err) {
      // One client's garbage is a warning; the socket keeps serving the room.
      if (err instanceof StunParseError) ice.emit('warning', err);
      else ice.emit('warning', err as Error);
    }
  });

  ice.listen = () =>
    new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(opts.port, opts.host, () => {
        socket.off('error', reject);
        socket.on('error', (err) => ice.emit('warning', err));
        port = socket.address().port;
        debug('STUN%s on udp %s:%d', relay ? '+TURN' : '', opts.host, port);
        resolve({ port });
      });
    });

  ice.iceServers = (name, ttlSeconds = ttl) => {
    const servers: IceServer[] = [{ urls: `stun:${opts.publicAddress}:${port}` }];
    if (relay) {
      const c = issueTurnCredential(secret, name, ttlSeconds);
      servers.push({
        urls: `turn:${opts.publicAddress}:${port}?transport=udp`,
        username: c.username,
        credential: c.credential,
      });
    } else if (opts.external) {
      const c = issueTurnCredential(opts.external.secret, name, ttlSeconds);
      servers.push({ urls: opts.external.url, username: c.username, credential: c.credential });
    }
    return servers;
  };

  ice.port = () => port;

  ice.describe = () => {
    const stun = `STUN stun:${opts.publicAddress}:${port}`;
    if (opts.external) return `${stun}, TURN ${opts.external.url} (outside server)`;
    if (!relay) return `${stun}, no TURN relay (--no-relay)`;
    const room = opts.roomSubnets.map((s) => s.cidr).join(' ') || 'nowhere';
    return `${stun}, TURN on the same port, relaying within ${room} only`;
  };

  ice.stats = () => ({ bindings, turn: relay?.stats() ?? null });

  ice.close = () =>
    new Promise((resolve) => {
      relay?.close();
      try {
        socket.close(() => resolve());
      } catch {
        resolve(); // never bound
      }
    });

  return ice;
}
