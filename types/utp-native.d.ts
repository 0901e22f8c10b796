// utp-native 2 (libutp bindings, webtorrent's own uTP stack): only the net-like client and server
// the lab's connectability check and its tests use.
declare module 'utp-native' {
  import type { EventEmitter } from 'node:events';
  import type { Duplex } from 'node:stream';

  namespace utp {
    interface Connection extends Duplex {
      remoteAddress: string;
      remotePort: number;
    }
    interface Server extends EventEmitter {
      listen(port?: number, address?: string, onlistening?: () => void): this;
      address(): { port: number; address: string };
      close(onclose?: () => void): void;
    }
  }
  const utp: {
    /** Dials over a UDP socket of its own, closed with the connection. */
    connect(port: number, host?: string): utp.Connection;
    createServer(onconnection?: (connection: utp.Connection) => void): utp.Server;
  };
  export = utp;
}
