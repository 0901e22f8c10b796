/**
 * How the class's wires connected: each browser reports its WebRTC wires' candidate types
 * (`peer:connectivity`), this keeps the latest report per peer and tells every page that watches
 * (`connectivity:watch`) what the class's state is, in words (lib/connectivity.ts), when it changes.
 */
import { EventEmitter } from 'node:events';
import {
  ConnectivityReportSchema,
  describeConnectivity,
  summarizeConnectivity,
  type ReportedWire,
} from '../lib/connectivity';
import type { ConnectivityView } from '../lib/protocol';
import type { SwarmModel } from '../lib/swarm-model';
import { Refusal, type LabSocketServer, type SocketLayer } from './socket-layer';

const ROOM = 'connectivity';
/**
 * A wire counts for this long after it was last reported: wires between two finished peers
 * close, and the class's state should still say how they connected while the class looks at it.
 */
const REMEMBER_MS = 120_000;
const MAX_WIRES_PER_PEER = 300;

export interface ConnectivityHub extends EventEmitter {
  view(): ConnectivityView;
  close(): void;
}

export function createConnectivityHub(opts: {
  io: LabSocketServer;
  sockets: SocketLayer;
  model: SwarmModel;
  /** Desktop clients' connectability (lab-server/connectability.ts). */
  desktop?: () => ConnectivityView['desktop'];
  flushMs?: number;
}): ConnectivityHub {
  const hub = new EventEmitter() as ConnectivityHub;
  /** peer id → remote peer id → the wire as last reported, and when. */
  const reports = new Map<string, Map<string, { wire: ReportedWire; at: number }>>();
  const isSeeder = (id: string) => opts.model.getPeer(id)?.kind === 'seeder';

  hub.view = () => {
    const now = Date.now();
    const wires: ReportedWire[] = [];
    for (const byRemote of reports.values())
      for (const [remote, { wire, at }] of byRemote) {
        if (now - at > REMEMBER_MS) byRemote.delete(remote);
        else wires.push(wire);
      }
    const summary = summarizeConnectivity(wires, isSeeder);
    const desktop = Object.fromEntries(
      Object.entries(opts.desktop?.() ?? {})
        .filter(([id]) => opts.model.getPeer(id)?.kind === 'desktop')
        .map(([id, c]) => [id, { connectable: c.connectable, reason: c.reason }]),
    );
    return { ...summary, ...describeConnectivity(summary.state), desktop };
  };

  const { sockets } = opts;
  sockets.handle('peer:connectivity', {
    schema: ConnectivityReportSchema,
    // Browsers report every few seconds: one a second is plenty.
    rate: { burst: 3, perSecond: 1 },
    handle: (report, socket) => {
      const peerId = socket.data.peerId;
      if (typeof peerId !== 'string')
        throw new Refusal('connectivity before hello: say hello first');
      const now = Date.now();
      const byRemote = reports.get(peerId) ?? new Map();
      for (const w of report.wires)
        byRemote.set(w.remotePeerId, { wire: { ...w, peerId }, at: now });
      // A browser has a few dozen wires; a page inventing peer ids must not grow this for ever.
      while (byRemote.size > MAX_WIRES_PER_PEER) byRemote.delete(byRemote.keys().next().value!);
      reports.set(peerId, byRemote);
    },
  });
  sockets.handle('connectivity:watch', {
    handle: (_msg, socket) => {
      void socket.join(ROOM);
      return hub.view();
    },
  });
  const offDisconnect = sockets.onDisconnect((socket) => {
    const peerId = socket.data.peerId;
    if (typeof peerId === 'string') reports.delete(peerId);
  });

  let lastSent = '';
  const timer = setInterval(() => {
    const view = hub.view();
    const key = JSON.stringify(view);
    if (key === lastSent) return;
    lastSent = key;
    opts.io.to(ROOM).emit('connectivity:state', view);
  }, opts.flushMs ?? 2000);
  timer.unref();
  hub.close = () => {
    clearInterval(timer);
    offDisconnect();
  };
  return hub;
}
