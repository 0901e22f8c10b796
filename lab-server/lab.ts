/**
 * The lab: one process, one port. Composes the tracker, the seeder, the telemetry hub, the
 * lab's own routes and the Next.js site on one HTTP server (UDP tracker on the same number).
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer } from 'socket.io';
import createDebug from 'debug';
import { SwarmModel } from '../lib/swarm-model';
import { ensureClassPack } from './class-pack';
import { createInstructorAuth } from './auth';
import { parseLabConfig, type LabConfig, type LabConfigInput } from './config';
import { createExperiments } from './experiments';
import { createHub, type Hub, type LabSocketServer } from './hub';
import { createCompletionHistory, type CompletionHistory } from './completion-history';
import { createRecorder, type Recorder } from './recorder';
import { lanAddresses, primaryAddress, roomSubnets } from './network';
import { handleHealth } from './health';
import { handleLabRoute, type LabInfo } from './routes';
import { createRounds, type Rounds } from './rounds';
import { createSeeder, type Seeder } from './seeder';
import { createSecurityHeaders } from './security-headers';
import { createSharedTorrents, type SharedTorrents } from './shared-torrents';
import { classPackSource, hashFolder } from './share-folder';
import { createSite, type Site } from './site';
import { createSocksProxy, type SocksProxy } from './socks-proxy';
import { createSlideSync, type SlideSync } from './slide-sync';
import { createTracker, type LabTracker } from './tracker';
import { VERSION } from './version';

const debug = createDebug('lab:server');

export interface RunningLab {
  port: number;
  torrentPort: number;
  address: string;
  instructorToken: string;
  info: LabInfo;
  instructorUrl: string;
  /** The SOCKS5 proxy's port, null without --socks-proxy. */
  socksPort: number | null;
}

export interface Lab extends EventEmitter {
  readonly config: LabConfig;
  readonly model: SwarmModel;
  listen(): Promise<RunningLab>;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly what: string,
  ) {
    super(
      `Port ${port} (${what}) is already in use — is another lab running? ` +
        `Stop it, or pick another port with --port ${what === 'seeder TCP' ? '… --torrent-port' : ''} <number>.`,
    );
  }
}

function listenHttp(server: HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(port, 'HTTP') : err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function createLab(input: LabConfigInput = {}): Lab {
  const config = parseLabConfig(input);
  const lab = new EventEmitter() as Lab & { config: LabConfig; model: SwarmModel };
  const model = new SwarmModel();
  Object.assign(lab, { config, model });

  // Class mode unless the instructor opened the tracker to any torrent.
  const tracker: LabTracker = createTracker({ open: config.openTracker });
  tracker.on('warning', (err: Error) => lab.emit('warning', err));

  let site: Site | null = null;
  let seeder: Seeder | null = null;
  let socks: SocksProxy | null = null;
  /** The class torrent, round by round (lab-server/rounds.ts). */
  let rounds: Rounds | null = null;
  let hub: Hub | null = null;
  let slides: SlideSync | null = null;
  let shared: SharedTorrents | null = null;
  let recorder: Recorder | null = null;
  let completion: CompletionHistory | null = null;
  let info: LabInfo | null = null;
  const startedAt = Date.now();

  let trackerReady = false;
  /** What /api/health reports: ok only when every part serves, the site included. */
  const readiness = () => ({
    tracker: trackerReady,
    classTorrent: info !== null,
    site: !config.site || site !== null,
  });
  const healthDetails = () => ({
    version: VERSION,
    peers: model.peerCount(),
    infoHash: info?.torrent?.infoHash ?? null,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  });
  /** The lab's origins for the CSP's connect-src, known once listening. */
  let origins: string[] = [];
  const security = createSecurityHeaders({ origins: () => origins, dev: config.dev });
  const http = createServer((req, res) => {
    security.apply(res);
    void (async () => {
      try {
        if (handleHealth(req, res, readiness, healthDetails)) return;
        if (tracker.handleHttp(req, res)) return;
        if (
          info &&
          (await handleLabRoute(
            {
              model,
              info: () => info!,
              torrentFile: (browser) => {
                const round = rounds?.current();
                return (browser ? round?.browserTorrentFile : round?.torrentFile) ?? null;
              },
              startedAt,
              shared: shared ?? undefined,
              recordings: recorder ?? undefined,
              completion: completion ? completion.track : undefined,
            },
            req,
            res,
          ))
        )
          return;
        if (site) return await site.handle(req, res);
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '2' });
        res.end('SwarmLab is starting. Reload in a few seconds.\n');
      } catch (err) {
        lab.emit('warning', err as Error);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Internal error\n');
      }
    })();
  });

  const io: LabSocketServer = new SocketServer(http, {
    // Leave other upgrade paths (the WebSocket tracker) alone.
    destroyUpgrade: false,
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
  });

  // Sockets that present the instructor token in their handshake may use instructor controls.
  const auth = createInstructorAuth(config.instructorToken);
  // The HTTP server listens before the hub, experiments and slide sync have registered their
  // socket handlers (the tracker URLs need the port). A page that (re)connects in between — after
  // a lab restart, every open page does — would say hello to nobody: hold it until all are in.
  let handlersReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (handlersReady = resolve));
  io.use((socket, next) => {
    socket.data.instructor = auth.check(
      (socket.handshake.auth as { token?: unknown } | undefined)?.token,
    );
    void ready.then(() => next());
  });

  http.on('upgrade', (req, socket, head) => {
    const url = req.url ?? '';
    if (url.startsWith('/socket.io/')) return; // socket.io's own listener has it
    if (tracker.handleUpgrade(req, socket, head)) return;
    if (site?.handleUpgrade(req, socket, head)) return;
    socket.destroy();
  });

  lab.listen = async () => {
    // `hashing` events (hashed, total bytes) let the CLI show progress on a big shared folder.
    const hashing = (folder: string) => (hashed: number, total: number) =>
      lab.emit('hashing', hashed, total, folder);
    const pack = config.share
      ? await hashFolder(config.share, hashing(config.share))
      : classPackSource(ensureClassPack(config.dataDir, config.packMiB));
    // Hashed before listening, like the main folder, so a bad path fails before anything starts.
    const extras = [];
    for (const folder of config.alsoShare)
      extras.push(await hashFolder(folder, hashing(folder), '--also-share'));
    const port = await listenHttp(http, config.port, config.host);
    try {
      await tracker.listenUdp(port, config.host);
      trackerReady = true;
    } catch (err) {
      http.close();
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new PortInUseError(port, 'UDP tracker');
      throw err;
    }
    const address = primaryAddress(config.publicAddress);
    const base = `http://${address}:${port}`;
    const trackers = {
      http: `${base}/announce`,
      udp: `udp://${address}:${port}`,
      ws: `ws://${address}:${port}/announce`,
    };

    let torrentPort = 0;
    if (config.seed) {
      seeder = createSeeder({
        torrentPort: config.torrentPort,
        webrtcFastStart: config.webrtcFastStart,
        superSeed: config.superSeed,
      });
      seeder.on('warning', (err: Error) => lab.emit('warning', err));
      seeder.on('error', (err: Error) => lab.emit('error', err));
    }
    rounds = createRounds({
      source: pack,
      trackers,
      model,
      tracker,
      seeder,
      listedPeers: (infoHash) => tracker.listedPeers(infoHash),
    });
    try {
      await rounds.start();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new PortInUseError(config.torrentPort, 'seeder TCP');
      throw err;
    }
    if (seeder) torrentPort = seeder.torrentPort();

    hub = createHub({
      io,
      model,
      currentInfoHash: () => model.getTorrent()?.infoHash ?? null,
      showAddresses: () => shared?.showAddresses() ?? false,
    });
    hub.on('warning', (err: Error) => lab.emit('warning', err));
    recorder = createRecorder({ model, dataDir: config.dataDir });
    recorder.on('warning', (err: Error) => lab.emit('warning', err));
    completion = createCompletionHistory({ model });
    const classRounds = rounds;
    createExperiments({
      io,
      model,
      throttleSeeder: (rate) => seeder?.throttleUpload(rate),
      setSeeding: (on) => classRounds.setSeeding(on),
      newRound: () => classRounds.next(),
      closeWires: (peerId) => classRounds.closeWires(peerId),
      current: () => {
        const { round, infoHash } = classRounds.current();
        return { round, infoHash };
      },
    }).on('warning', (err: Error) => lab.emit('warning', err));
    slides = createSlideSync({ io, dataDir: config.dataDir });
    slides.on('warning', (err: Error) => lab.emit('warning', err));
    shared = createSharedTorrents({
      io,
      tracker,
      counts: (h) => tracker.counts(h),
      trackers,
      maxBytes: config.maxShareBytes,
      dataDir: config.dataDir,
      seedbox: seeder ?? undefined,
    });
    shared.on('warning', (err: Error) => lab.emit('warning', err));
    if (seeder) {
      for (const extra of extras) {
        const file = await extra.torrent([trackers.ws, trackers.http, trackers.udp]);
        await seeder.seed(file, extra.parent);
        await shared.addLabTorrent(file, 'Instructor');
      }
    }

    const attendeeUrls = [...new Set([address, ...lanAddresses().map((a) => a.address)])].map(
      (a) => `http://${a}:${port}/`,
    );
    origins = attendeeUrls.map((u) => u.replace(/\/$/, ''));
    const staticInfo = { version: VERSION, attendeeUrl: `${base}/`, attendeeUrls, trackers };
    // The torrent changes with every round: /api/lab reads the current one at each request.
    info = {
      ...staticInfo,
      get torrent() {
        const r = classRounds.current();
        const { infoHash, name, magnet, length, pieceCount } = r;
        return { infoHash, name, magnet, length, pieceCount };
      },
    };

    let socksPort: number | null = null;
    if (config.socksProxy !== undefined) {
      socks = createSocksProxy({ allowed: roomSubnets(address) });
      socks.on('connection', (c) => lab.emit('socks', c));
      socks.on('warning', (err) => lab.emit('warning', err));
      socks.on('error', (err) => lab.emit('error', err));
      socksPort = await socks.listen(config.socksProxy, config.host);
    }

    handlersReady();
    if (config.site) {
      site = await createSite({ dev: config.dev, hostname: address, port });
    }
    debug('listening on %s', base);
    return {
      port,
      torrentPort,
      address,
      instructorToken: config.instructorToken,
      info,
      instructorUrl: `${base}/instructor#token=${config.instructorToken}`,
      socksPort,
    };
  };

  lab.close = async () => {
    const step = async (what: string, fn: () => unknown) => {
      debug('closing %s', what);
      await fn();
    };
    hub?.close();
    recorder?.close();
    completion?.close();
    rounds?.close();
    await step('shared torrents', () => shared?.close());
    await step('slide sync', () => slides?.close());
    await step('socks proxy', () => socks?.close());
    await step('seeder', () => seeder?.close());
    await step('tracker', () => tracker.close());
    // io.close() closes the engine and the HTTP server, whose close waits for every connection:
    // end them all (keep-alive ones included). Closing the engine rather than disconnecting
    // sockets lets pages reconnect by themselves when the lab comes back.
    await step('socket.io and http', () => {
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections();
      return closed;
    });
    await step('site', () => site?.close());
    debug('closed');
  };

  return lab;
}
