// The parts of bittorrent-tracker's server that the lab uses (the package ships no types).
declare module 'bittorrent-tracker/server' {
  import type { EventEmitter } from 'node:events';
  import type { RemoteInfo, Socket as UdpSocket } from 'node:dgram';
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { Duplex } from 'node:stream';
  import type { WebSocket } from 'ws';

  /** A `ws` socket as the stock server decorates it. */
  export interface TrackerWebSocket extends WebSocket {
    /** Set by the stock server once the socket has closed. */
    destroyed?: boolean;
    onSend: (err?: Error) => void;
  }

  interface WsLike extends EventEmitter {
    handleUpgrade(
      req: IncomingMessage,
      socket: Duplex,
      head: Buffer,
      cb: (ws: TrackerWebSocket) => void,
    ): void;
  }

  export class Swarm {
    constructor(infoHash: string, server: unknown);
    complete: number;
    incomplete: number;
    /** Keyed by peer id for WebSocket peers, by "ip:port" for HTTP and UDP ones. */
    peers: {
      keys: string[];
      peek(key: string):
        | {
            peerId: string;
            complete: boolean;
            type: string;
            ip?: string;
            port?: number;
            socket?: unknown;
          }
        | undefined;
    };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- params and replies vary by tracker type
    announce(params: any, cb?: (err: Error | null, response?: any) => void): void;
  }

  class Server extends EventEmitter {
    static Swarm: typeof Swarm;
    constructor(opts: Record<string, unknown>);
    intervalMs: number;
    torrents: Record<string, Swarm | undefined>;
    udp4: UdpSocket;
    udp6: UdpSocket | null;
    ws: WsLike;
    /** Present when `stats` is on and `http` is off: never listens, only answers /stats.json. */
    http: EventEmitter;
    onHttpRequest(req: IncomingMessage, res: ServerResponse, opts?: { action?: string }): void;
    onUdpRequest(msg: Buffer, rinfo: RemoteInfo): void;
    /** One WebSocket message, raw (the stock server parses it). */
    _onWebSocketRequest(socket: TrackerWebSocket, opts: object, raw: unknown): void;
    _onWebSocketClose(socket: TrackerWebSocket): void;
    createSwarm(infoHash: string, cb: (err: Error | null, swarm?: Swarm) => void): void;
    close(cb?: () => void): void;
  }

  export default Server;
}
