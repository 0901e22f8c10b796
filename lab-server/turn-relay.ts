/**
 * The lab's TURN relay over UDP (RFC 8656), the part of it a classroom needs: Allocate, Refresh,
 * CreatePermission, ChannelBind, Send/Data indications and ChannelData. What it must get right,
 * with coturn as the reference:
 * - long-term credentials issued by the lab (ice-credentials.ts), checked on every request, with
 *   a stateless expiring nonce;
 * - never an open relay: permissions and channels only to addresses in the room's subnets
 *   (403 otherwise), so it cannot carry traffic to the venue's other networks or the internet;
 * - limits: allocations per username and in all, lifetimes capped.
 * Not done (not needed by browsers in one room): TCP/TLS transports, EVEN-PORT and reservation
 * tokens, IPv6 relaying, bandwidth quotas.
 */
import { createHmac, randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { EventEmitter } from 'node:events';
import { longTermKey, passwordFor } from './ice-credentials';
import {
  Attr,
  attribute,
  buildChannelData,
  buildStun,
  decodeXorAddress,
  encodeErrorCode,
  encodeXorAddress,
  integrityMatches,
  MessageClass,
  Method,
  StunParseError,
  u32Value,
  type StunMessage,
  type TransportAddress,
} from './stun-message';

export interface TurnRelayOptions {
  secret: string;
  realm: string;
  /** The lab's address on the room's LAN: relayed addresses are on it. */
  relayAddress: string;
  /** Whether a peer address is in the room (lab-server/subnets.ts). */
  allowPeer: (ip: string) => boolean;
  /** Sends a datagram to a client from the listening socket. */
  send: (buf: Buffer, to: TransportAddress) => void;
  maxAllocations?: number;
  maxAllocationsPerUser?: number;
}

export interface TurnStats {
  allocations: number;
  /** Bytes relayed between clients and peers since start. */
  relayedBytes: number;
  refused: { unauthenticated: number; forbiddenPeer: number; quota: number };
}

export interface TurnRelay extends EventEmitter {
  /** Handles a STUN request or indication of a TURN method. */
  handle(msg: StunMessage, from: TransportAddress): void;
  /** Handles a ChannelData datagram. */
  handleChannelData(channel: number, data: Buffer, from: TransportAddress): void;
  stats(): TurnStats;
  close(): void;
}

const DEFAULT_LIFETIME = 600;
const MAX_LIFETIME = 3600;
const PERMISSION_MS = 300_000;
const CHANNEL_MS = 600_000;
const NONCE_MS = 600_000;
const SOFTWARE = Buffer.from('SwarmLab relay');

interface Allocation {
  key: string;
  username: string;
  integrityKey: Buffer;
  client: TransportAddress;
  socket: dgram.Socket;
  relayed: TransportAddress;
  expires: number;
  timer: NodeJS.Timeout;
  /** peer IP → permission expiry (ms) */
  permissions: Map<string, number>;
  /** channel number → peer */
  channels: Map<number, { peer: TransportAddress; expires: number }>;
  lastAllocate: { transactionId: string; response: Buffer };
}

const tupleKey = (a: TransportAddress) => `${a.address}:${a.port}`;

export function createTurnRelay(opts: TurnRelayOptions): TurnRelay {
  const relay = new EventEmitter() as TurnRelay;
  const allocations = new Map<string, Allocation>();
  const maxAllocations = opts.maxAllocations ?? 2000;
  const maxPerUser = opts.maxAllocationsPerUser ?? 128;
  const stats: TurnStats = {
    allocations: 0,
    relayedBytes: 0,
    refused: { unauthenticated: 0, forbiddenPeer: 0, quota: 0 },
  };
  const realm = Buffer.from(opts.realm);

  const nonce = (now = Date.now()) => {
    const expiry = (now + NONCE_MS).toString(16);
    const mac = createHmac('sha256', opts.secret).update(expiry).digest('hex').slice(0, 16);
    return `${expiry}-${mac}`;
  };
  const nonceFresh = (value: string) => {
    const [expiry, mac] = value.split('-');
    if (!expiry || !mac) return false;
    const expected = createHmac('sha256', opts.secret).update(expiry).digest('hex').slice(0, 16);
    return mac === expected && parseInt(expiry, 16) > Date.now();
  };

  const reply = (
    msg: StunMessage,
    to: TransportAddress,
    attributes: Array<[number, Buffer]>,
    integrityKey?: Buffer,
  ): Buffer => {
    const buf = buildStun({
      method: msg.method,
      cls: MessageClass.success,
      transactionId: msg.transactionId,
      attributes: [...attributes, [Attr.software, SOFTWARE]],
      integrityKey,
      fingerprint: true,
    });
    opts.send(buf, to);
    return buf;
  };
  const fail = (
    msg: StunMessage,
    to: TransportAddress,
    code: number,
    reason: string,
    extra: Array<[number, Buffer]> = [],
    integrityKey?: Buffer,
  ) => {
    opts.send(
      buildStun({
        method: msg.method,
        cls: MessageClass.error,
        transactionId: msg.transactionId,
        attributes: [[Attr.errorCode, encodeErrorCode(code, reason)], ...extra],
        integrityKey,
        fingerprint: true,
      }),
      to,
    );
  };
  const challenge = (msg: StunMessage, to: TransportAddress, code: number, reason: string) => {
    stats.refused.unauthenticated++;
    fail(msg, to, code, reason, [
      [Attr.realm, realm],
      [Attr.nonce, Buffer.from(nonce())],
    ]);
  };

  /** The request's long-term key if its credentials are the lab's and still valid, else null. */
  const authenticate = (msg: StunMessage, from: TransportAddress): Buffer | null => {
    const username = attribute(msg, Attr.username)?.toString('utf8');
    const msgNonce = attribute(msg, Attr.nonce)?.toString('utf8');
    const hasIntegrity = attribute(msg, Attr.messageIntegrity) !== undefined;
    if (!hasIntegrity) {
      challenge(msg, from, 401, 'Unauthorized');
      return null;
    }
    if (!username || !msgNonce || !attribute(msg, Attr.realm)) {
      stats.refused.unauthenticated++;
      fail(msg, from, 400, 'Bad Request');
      return null;
    }
    if (!nonceFresh(msgNonce)) {
      challenge(msg, from, 438, 'Stale Nonce');
      return null;
    }
    const password = passwordFor(opts.secret, username);
    if (!password) {
      challenge(msg, from, 401, 'Unauthorized: unknown or expired credentials');
      return null;
    }
    const key = longTermKey(username, opts.realm, password);
    if (!integrityMatches(msg, key)) {
      challenge(msg, from, 401, 'Unauthorized: wrong credentials');
      return null;
    }
    return key;
  };

  const drop = (a: Allocation) => {
    if (!allocations.delete(a.key)) return;
    clearTimeout(a.timer);
    a.socket.close();
    stats.allocations = allocations.size;
  };

  const schedule = (a: Allocation, seconds: number) => {
    clearTimeout(a.timer);
    a.expires = Date.now() + seconds * 1000;
    a.timer = setTimeout(() => drop(a), seconds * 1000);
    a.timer.unref();
  };

  const lifetimeOf = (msg: StunMessage) => {
    const v = attribute(msg, Attr.lifetime);
    const asked = v && v.length >= 4 ? v.readUInt32BE(0) : DEFAULT_LIFETIME;
    return Math.min(asked, MAX_LIFETIME);
  };

  const allocate = (msg: StunMessage, from: TransportAddress, key: Buffer) => {
    const existing = allocations.get(tupleKey(from));
    if (existing) {
      // A retransmitted Allocate gets the same answer; anything else on a used 5-tuple is 437.
      if (existing.lastAllocate.transactionId === msg.transactionId.toString('hex'))
        return opts.send(existing.lastAllocate.response, from);
      return fail(msg, from, 437, 'Allocation Mismatch', [], key);
    }
    const transport = attribute(msg, Attr.requestedTransport);
    if (!transport) return fail(msg, from, 400, 'Bad Request: no REQUESTED-TRANSPORT', [], key);
    if (transport[0] !== 17) return fail(msg, from, 442, 'Unsupported Transport Protocol', [], key);
    if (attribute(msg, Attr.evenPort) || attribute(msg, Attr.reservationToken))
      return fail(msg, from, 508, 'Insufficient Capacity: no reserved ports here', [], key);
    const family = attribute(msg, Attr.requestedAddressFamily);
    if (family && family[0] !== 0x01)
      return fail(msg, from, 440, 'Address Family not Supported', [], key);
    const username = attribute(msg, Attr.username)!.toString('utf8');
    const mine = [...allocations.values()].filter((a) => a.username === username).length;
    if (mine >= maxPerUser || allocations.size >= maxAllocations) {
      stats.refused.quota++;
      return fail(msg, from, 486, 'Allocation Quota Reached', [], key);
    }

    const socket = dgram.createSocket('udp4');
    const a: Allocation = {
      key: tupleKey(from),
      username,
      integrityKey: key,
      client: from,
      socket,
      relayed: { family: 'IPv4', address: opts.relayAddress, port: 0 },
      expires: 0,
      timer: setTimeout(() => {}, 0),
      permissions: new Map(),
      channels: new Map(),
      lastAllocate: { transactionId: msg.transactionId.toString('hex'), response: Buffer.alloc(0) },
    };
    allocations.set(a.key, a);
    socket.on('error', (err) => {
      relay.emit('warning', err);
      drop(a);
    });
    socket.on('message', (data, rinfo) => fromPeer(a, data, rinfo));
    socket.bind(0, opts.relayAddress, () => {
      if (!allocations.has(a.key)) return;
      a.relayed.port = socket.address().port;
      const lifetime = lifetimeOf(msg) || DEFAULT_LIFETIME;
      schedule(a, lifetime);
      stats.allocations = allocations.size;
      a.lastAllocate.response = reply(
        msg,
        from,
        [
          [Attr.xorRelayedAddress, encodeXorAddress(a.relayed)],
          [Attr.lifetime, u32Value(lifetime)],
          [Attr.xorMappedAddress, encodeXorAddress(from)],
        ],
        key,
      );
    });
  };

  /** The XOR-PEER-ADDRESS values of a request, or null after answering 400/403. */
  const peersOf = (msg: StunMessage, from: TransportAddress, key: Buffer) => {
    const values = msg.attributes.filter((x) => x.type === Attr.xorPeerAddress);
    if (values.length === 0) {
      fail(msg, from, 400, 'Bad Request: no XOR-PEER-ADDRESS', [], key);
      return null;
    }
    const peers = values.map((v) => decodeXorAddress(v.value, msg.transactionId));
    const outside = peers.find((p) => p.family !== 'IPv4' || !opts.allowPeer(p.address));
    if (outside) {
      stats.refused.forbiddenPeer++;
      relay.emit('warning', new Error(`refused to relay to ${outside.address}: outside the room`));
      fail(msg, from, 403, 'Forbidden: peer outside the room', [], key);
      return null;
    }
    return peers;
  };

  const fromPeer = (a: Allocation, data: Buffer, rinfo: dgram.RemoteInfo) => {
    const allowed = a.permissions.get(rinfo.address);
    if (!allowed || allowed < Date.now()) return;
    stats.relayedBytes += data.length;
    for (const [channel, bound] of a.channels) {
      if (
        bound.expires > Date.now() &&
        bound.peer.address === rinfo.address &&
        bound.peer.port === rinfo.port
      )
        return opts.send(buildChannelData(channel, data), a.client);
    }
    opts.send(
      buildStun({
        method: Method.data,
        cls: MessageClass.indication,
        transactionId: randomBytes(12),
        attributes: [
          [
            Attr.xorPeerAddress,
            encodeXorAddress({ family: 'IPv4', address: rinfo.address, port: rinfo.port }),
          ],
          [Attr.data, data],
        ],
      }),
      a.client,
    );
  };

  relay.handle = (msg, from) => {
    try {
      const a = allocations.get(tupleKey(from));
      if (msg.cls === MessageClass.indication) {
        if (msg.method !== Method.send || !a) return;
        const peerValue = attribute(msg, Attr.xorPeerAddress);
        const data = attribute(msg, Attr.data);
        if (!peerValue || !data) return;
        const peer = decodeXorAddress(peerValue, msg.transactionId);
        const allowed = a.permissions.get(peer.address);
        if (!allowed || allowed < Date.now()) return;
        stats.relayedBytes += data.length;
        a.socket.send(data, peer.port, peer.address);
        return;
      }
      if (msg.cls !== MessageClass.request) return;
      if (msg.method !== Method.allocate && !a) return fail(msg, from, 437, 'Allocation Mismatch');
      const key = authenticate(msg, from);
      if (!key) return;
      if (a && attribute(msg, Attr.username)!.toString('utf8') !== a.username)
        return fail(msg, from, 441, 'Wrong Credentials', [], key);
      switch (msg.method) {
        case Method.allocate:
          return allocate(msg, from, key);
        case Method.refresh: {
          const lifetime = lifetimeOf(msg);
          if (lifetime === 0) drop(a!);
          else schedule(a!, lifetime);
          return reply(msg, from, [[Attr.lifetime, u32Value(lifetime)]], key);
        }
        case Method.createPermission: {
          const peers = peersOf(msg, from, key);
          if (!peers) return;
          for (const p of peers) a!.permissions.set(p.address, Date.now() + PERMISSION_MS);
          return reply(msg, from, [], key);
        }
        case Method.channelBind: {
          const numberValue = attribute(msg, Attr.channelNumber);
          const channel = numberValue && numberValue.length >= 2 ? numberValue.readUInt16BE(0) : 0;
          if (channel < 0x4000 || channel > 0x7ffe)
            return fail(msg, from, 400, 'Bad Request: channel number', [], key);
          const peers = peersOf(msg, from, key);
          if (!peers) return;
          const peer = peers[0]!;
          for (const [n, bound] of a!.channels) {
            const samePeer = bound.peer.address === peer.address && bound.peer.port === peer.port;
            if ((n === channel) !== samePeer && bound.expires > Date.now())
              return fail(msg, from, 400, 'Bad Request: channel in use', [], key);
          }
          a!.channels.set(channel, { peer, expires: Date.now() + CHANNEL_MS });
          a!.permissions.set(peer.address, Date.now() + PERMISSION_MS);
          return reply(msg, from, [], key);
        }
        default:
          return fail(msg, from, 400, 'Bad Request: unknown method', [], key);
      }
    } catch (err) {
      // A client's malformed attribute: answer nothing more, keep serving everyone else.
      if (err instanceof StunParseError) relay.emit('warning', err);
      else throw err;
    }
  };

  relay.handleChannelData = (channel, data, from) => {
    const a = allocations.get(tupleKey(from));
    const bound = a?.channels.get(channel);
    if (!a || !bound || bound.expires < Date.now()) return;
    stats.relayedBytes += data.length;
    a.socket.send(data, bound.peer.port, bound.peer.address);
  };

  relay.stats = () => ({ ...stats, refused: { ...stats.refused } });
  relay.close = () => {
    for (const a of [...allocations.values()]) drop(a);
  };
  return relay;
}
