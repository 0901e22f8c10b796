/**
 * Raw tracker requests for tests, every byte under the test's control: HTTP announces and
 * scrapes with hand-written query strings, UDP packets (BEP 15), WebSocket tracker messages.
 * Loopback only: the lab under test listens on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import http from 'node:http';
import bencode from 'bencode';
import { WebSocket } from 'ws';
import { bytesParam } from './net';

export type Bencoded = Record<string, unknown>;

/** GET a tracker URL; returns the status and the bencoded reply, decoded. */
export async function trackerGet(
  url: string,
): Promise<{ status: number; body: Bencoded; raw: Buffer }> {
  const res = await fetch(url);
  const raw = Buffer.from(await res.arrayBuffer());
  let body: Bencoded = {};
  try {
    body = bencode.decode(raw) as Bencoded;
  } catch {
    body = { undecodable: raw.toString('latin1') };
  }
  return { status: res.status, body, raw };
}

/** GET from a chosen loopback source address (another "machine" on 127.0.0.0/8). */
export function trackerGetFrom(url: string, localAddress: string): Promise<Bencoded> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(bencode.decode(Buffer.concat(chunks)) as Bencoded);
        } catch {
          resolve({ undecodable: Buffer.concat(chunks).toString('latin1') });
        }
      });
    });
    req.setTimeout(5000, () => req.destroy(new Error(`no reply from ${url}`)));
    req.on('error', reject);
  });
}

export const failureOf = (reply: Bencoded): string | null =>
  reply['failure reason'] ? Buffer.from(reply['failure reason'] as Uint8Array).toString() : null;

/** A compact peer list as "ip:port" strings. */
export function compactPeers(reply: Bencoded): string[] {
  const buf = Buffer.from((reply.peers as Uint8Array | undefined) ?? []);
  const out: string[] = [];
  for (let i = 0; i + 6 <= buf.length; i += 6)
    out.push(`${[...buf.subarray(i, i + 4)].join('.')}:${buf.readUInt16BE(i + 4)}`);
  return out;
}

/** An HTTP announce query; `extra` is appended as written (for malformed values). */
export function announceUrl(
  base: string,
  infoHash: string,
  peerId: Buffer,
  port: string | number,
  extra = '&left=1&compact=1',
): string {
  return `${base}/announce?info_hash=${bytesParam(infoHash)}&peer_id=${bytesParam(peerId)}&port=${port}${extra}`;
}

export const randomPeerId = (tag = 'TT'): Buffer =>
  Buffer.concat([Buffer.from(`-${tag}0001-`), randomBytes(12)]);

/**
 * A UDP tracker client: one socket, request/response by transaction id, bounded waits. `from`
 * binds it to another loopback address (127.0.0.0/8), as a second machine would be.
 */
export function createUdpClient(host: string, port: number, from?: string) {
  const socket = dgram.createSocket('udp4');
  // Sent before the bind completes, a datagram would leave from 127.0.0.1.
  const bound = new Promise<void>((resolve) => (from ? socket.bind(0, from, resolve) : resolve()));
  const waiting = new Map<number, (msg: Buffer) => void>();
  socket.on('message', (msg) => {
    if (msg.length < 8) return;
    const tx = msg.readUInt32BE(4);
    waiting.get(tx)?.(msg);
    waiting.delete(tx);
  });
  const request = async (packet: Buffer, timeoutMs = 1500): Promise<Buffer | null> => {
    await bound;
    return new Promise((resolve) => {
      const tx = packet.length >= 16 ? packet.readUInt32BE(12) : -1;
      const timer = setTimeout(() => {
        waiting.delete(tx);
        resolve(null);
      }, timeoutMs);
      waiting.set(tx, (msg) => {
        clearTimeout(timer);
        resolve(msg);
      });
      socket.send(packet, port, host);
    });
  };
  const header = (connectionId: Buffer, action: number) => {
    const buf = Buffer.alloc(16);
    connectionId.copy(buf, 0);
    buf.writeUInt32BE(action, 8);
    buf.writeUInt32BE(randomBytes(4).readUInt32BE(0), 12);
    return buf;
  };
  const PROTOCOL_ID = Buffer.from('0000041727101980', 'hex');
  return {
    request,
    header,
    PROTOCOL_ID,
    /** BEP 15 connect; returns the connection id the tracker issued. */
    async connect(): Promise<Buffer> {
      const reply = await request(header(PROTOCOL_ID, 0));
      if (!reply || reply.readUInt32BE(0) !== 0) throw new Error('no UDP connect reply');
      return reply.subarray(8, 16);
    },
    announcePacket(
      connectionId: Buffer,
      infoHash: string,
      peerId: Buffer,
      port: number,
      event = 2,
    ) {
      const buf = Buffer.alloc(98);
      header(connectionId, 1).copy(buf, 0);
      Buffer.from(infoHash, 'hex').copy(buf, 16);
      peerId.copy(buf, 36);
      buf.writeBigUInt64BE(1n, 64); // left
      buf.writeUInt32BE(event, 80);
      buf.writeInt32BE(-1, 92); // numwant: default
      buf.writeUInt16BE(port, 96);
      return buf;
    },
    close: () => socket.close(),
  };
}

/**
 * A raw WebSocket tracker connection that collects every message it receives. `from` is a local
 * address to connect from (another 127.0.0.x stands in for another attendee's laptop).
 */
export async function openTrackerSocket(
  wsUrl: string,
  from?: string,
  /** autoPong false: a connection that never answers a ping, as a half-open one after Wi-Fi loss. */
  opts: { autoPong?: boolean } = {},
) {
  const ws = new WebSocket(wsUrl, { ...(from ? { localAddress: from } : {}), ...opts });
  const messages: Record<string, unknown>[] = [];
  ws.on('message', (data) => {
    try {
      messages.push(JSON.parse(String(data)) as Record<string, unknown>);
    } catch {
      messages.push({ unparsable: String(data) });
    }
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    messages,
    closed,
    send: (msg: unknown) => ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg)),
    /** Waits until a message matching `pred` arrived (or the timeout; then null). */
    async next(pred: (m: Record<string, unknown>) => boolean, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(pred);
        if (found) return found;
        if (Date.now() > deadline) return null;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => ws.close(),
  };
}

/** A hex info hash or peer id as the 20-character binary string the WebSocket tracker speaks. */
export const binary = (hexOrBuf: string | Buffer) =>
  (typeof hexOrBuf === 'string' ? Buffer.from(hexOrBuf, 'hex') : hexOrBuf).toString('latin1');
