/**
 * The WebSocket (WebTorrent) tracker's door: every message is parsed and checked here before
 * bittorrent-tracker sees it, and every peer id is bound to the connection that announced it.
 *
 * Why: the stock server trusts message shapes (`"offers":[null]` threw inside it and took the
 * lab down), lets any connection announce or stop any peer id (one socket announced 1,000 ids,
 * evicted the class swarm and received every real peer's offers) and, on close, removes only
 * the first peer id a socket used (999 fakes stayed).
 */
import { z } from 'zod';

/** WebTorrent uses one peer id per client; a process of bots shares one socket per URL. */
export const MAX_PEER_IDS_PER_SOCKET = 4;
/** Torrents one connection may be in at once (class mode allows only a handful anyway). */
export const MAX_SWARMS_PER_SOCKET = 16;
/** The largest message the tracker reads; a WebTorrent announce with 5 offers is ~10 KiB. */
export const MAX_WS_MESSAGE_BYTES = 64 * 1024;
/** bittorrent-tracker's client sends at most 5 offers per announce. */
const MAX_OFFERS = 10;
const MAX_SDP = 16 * 1024;

/** 20 bytes as the tracker protocol carries them in JSON: one character per byte. */
const binary20 = z
  .string()
  .length(20)
  .refine((s) => [...s].every((c) => c.charCodeAt(0) <= 0xff), 'must be 20 bytes');
const offerId = z.string().min(1).max(64);
const count = z.number().finite().nonnegative();

const announceSchema = z
  .object({
    action: z.literal('announce'),
    info_hash: binary20,
    peer_id: binary20,
    event: z.enum(['started', 'stopped', 'completed', 'update', 'paused']).optional(),
    numwant: z.number().int().min(0).max(1000).optional(),
    uploaded: count.optional(),
    downloaded: count.optional(),
    // A client without metadata sends Infinity, which JSON turns into null.
    left: count.nullable().optional(),
    trackerid: z.string().max(64).optional(),
    offers: z
      .array(
        z.object({
          offer: z.object({ type: z.literal('offer'), sdp: z.string().max(MAX_SDP) }),
          offer_id: offerId,
        }),
      )
      .max(MAX_OFFERS)
      .optional(),
    answer: z.object({ type: z.literal('answer'), sdp: z.string().max(MAX_SDP) }).optional(),
    to_peer_id: binary20.optional(),
    offer_id: offerId.optional(),
  })
  .refine((m) => !m.answer || (m.to_peer_id && m.offer_id), {
    message: 'an answer needs to_peer_id and offer_id',
  });

const scrapeSchema = z.object({
  action: z.literal('scrape'),
  info_hash: z.union([binary20, z.array(binary20).min(1).max(50)]).optional(),
});

export const wsMessageSchema = z.discriminatedUnion('action', [announceSchema, scrapeSchema]);
export type WsMessage = z.infer<typeof wsMessageSchema>;

const hex = (binary: string) => Buffer.from(binary, 'latin1').toString('hex');

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'message';
  return `invalid ${where}: ${issue?.message ?? 'malformed'}`;
}

export type WsVerdict =
  | { ok: true; message: WsMessage; json: string }
  | {
      ok: false;
      reason: string;
      infoHash?: string;
      /**
       * The connection that holds this message's peer id, when it comes from the same host:
       * a page that reconnected after a Wi-Fi hiccup may take its id over once that
       * connection is found dead (see the tracker's probe). Absent for any other refusal.
       */
      heldBy?: object;
    };

/** What one connection holds: its peer ids and the swarms it announced to (hex). */
export interface WsConnectionState {
  peerIds: Set<string>;
  swarms: Set<string>;
  /** The remote host, read when the connection opened (Node forgets it once the TCP link dies). */
  host?: string;
}

export interface WsGuardOptions {
  /** The remote host of a connection, when known. */
  hostOf?: (socket: object) => string | undefined;
}

export const HELD_BY_ANOTHER = 'this peer_id belongs to another connection';

/**
 * Peer id ownership across all connections. A peer id belongs to the first connection that
 * announces it until that connection closes; nobody else may announce, answer or stop for it.
 * The guard only says who holds an id; releasing a dead holder is the tracker's decision.
 */
export function createWsGuard(opts: WsGuardOptions = {}) {
  const owners = new Map<string, object>();
  const states = new WeakMap<object, WsConnectionState>();
  const stateOf = (socket: object) => {
    let state = states.get(socket);
    if (!state) {
      state = { peerIds: new Set(), swarms: new Set(), host: opts.hostOf?.(socket) };
      states.set(socket, state);
    }
    return state;
  };

  return {
    /** Checks one raw message from `socket`; on success, the JSON to hand the stock server. */
    check(socket: object, raw: unknown): WsVerdict {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(raw));
      } catch {
        return { ok: false, reason: 'invalid message: not JSON' };
      }
      const result = wsMessageSchema.safeParse(parsed);
      if (!result.success) return { ok: false, reason: describeIssue(result.error) };
      const message = result.data;
      if (message.action === 'announce') {
        const infoHash = hex(message.info_hash);
        const peerId = hex(message.peer_id);
        const state = stateOf(socket);
        const owner = owners.get(peerId);
        if (owner && owner !== socket) {
          const host = state.host;
          const sameHost = host !== undefined && host === states.get(owner)?.host;
          return {
            ok: false,
            reason: HELD_BY_ANOTHER,
            infoHash,
            heldBy: sameHost ? owner : undefined,
          };
        }
        if (!owner && state.peerIds.size >= MAX_PEER_IDS_PER_SOCKET)
          return {
            ok: false,
            reason: `too many peer ids on one connection (at most ${MAX_PEER_IDS_PER_SOCKET})`,
            infoHash,
          };
        if (!state.swarms.has(infoHash) && state.swarms.size >= MAX_SWARMS_PER_SOCKET)
          return {
            ok: false,
            reason: `too many torrents on one connection (at most ${MAX_SWARMS_PER_SOCKET})`,
            infoHash,
          };
        owners.set(peerId, socket);
        state.peerIds.add(peerId);
        state.swarms.add(infoHash);
      }
      // Re-serialised from the parsed message: unknown fields never reach the stock server.
      return { ok: true, message, json: JSON.stringify(message) };
    },
    /** The connection closed: its peer ids are free again. Returns what it held. */
    release(socket: object): WsConnectionState {
      const state = stateOf(socket);
      for (const peerId of state.peerIds) if (owners.get(peerId) === socket) owners.delete(peerId);
      states.delete(socket);
      return state;
    },
    owners: () => owners.size,
  };
}
export type WsGuard = ReturnType<typeof createWsGuard>;
