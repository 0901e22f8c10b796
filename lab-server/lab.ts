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
import { createIce, type Ice } from './ice';
import { createConnectivityHub } from './connectivity-hub';
import { createConnectabilityChecker } from './connectability';
import { createHub } from './hub';
import { createPrivacy, type Privacy } from './privacy';
import { createSocketLayer, type LabSocketServer } from './socket-layer';
import { createCompletionHistory, type CompletionHistory } from './completion-history';
import { createRecorder, type Recorder } from './recorder';
import { lanAddresses, primaryAddress } from './network';
import { handleHealth } from './health';
import { handleLabRoute, type LabInfo } from './routes';
import { createRounds, type Rounds } from './rounds';
import { createSeeder, type Seeder, type WireHandshake } from './seeder';
import type { RawConnection } from './seeder-sockets';
import { createSecurityHeaders } from './security-headers';
import { createSharedTorrents, type SharedTorrents } from './shared-torrents';
import { classPackSource, hashFolder } from './share-folder';
import { createSite, type Site } from './site';
import { createSlideSync } from './slide-sync';
import { createSocksProxy } from './socks-proxy';
import { createWireCapture } from './wire-capture';
import { parseSubnet, subnetsOf } from './subnets';
import { createTracker, type AnnounceParams, type LabTracker } from './tracker';
import { VERSION } from './version';

const debug = createDebug('lab:server');

export interface RunningLab {
  port: number;
  torrentPort: number;
  address: string;
  instructorToken: string;
  info: LabInfo;
  instructorUrl: string;
  /** What the room's STUN/TURN serves, in words, for the start-up banner. */
  ice: string;
  icePort: number;
  /** The SOCKS5 proxy's port, null without --socks-proxy. */
  socksPort: number | null;
}

export interface Lab extends EventEmitter {
  readonly config: LabConfig;
  readonly model: SwarmModel;
  listen(): Promise<RunningLab>;
  /** The room's STUN/TURN once listening (its stats: relayed bytes, refusals). */
  ice(): Ice | null;
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
  const tracker: LabTracker = createTracker({
    open: config.openTracker,
    peersPerAddress: config.peersPerAddress,
  });
  tracker.on('warning', (err: Error) => lab.emit('warning', err));
  // Desktop clients are dialled at the address they announce, as a classmate would.
  const connectability = createConnectabilityChecker();
  for (const event of ['start', 'update', 'complete'] as const)
    tracker.on(event, (_addr: string, params: AnnounceParams) => {
      // The seeder announces to its own tracker: dialling it would only test the lab itself.
      if (params.peer_id === seeder?.peerId) return;
      connectability.announced(params);
    });

  /**
   * The lab's parts, in the order they started. A part's 'warning' is a client's bad data; its
   * 'error' is the lab's own failure: both reach the lab's listeners (the CLI prints them).
   */
  const parts: { name: string; close: () => unknown }[] = [];
  function own<T extends { close(): unknown; on?: EventEmitter['on'] }>(name: string, part: T): T {
    part.on?.('warning', (err: Error) => lab.emit('warning', err));
    part.on?.('error', (err: Error) => lab.emit('error', err));
    parts.push({ name, close: () => part.close() });
    return part;
  }
  parts.push({ name: 'tracker', close: () => tracker.close() });
  parts.push({ name: 'connectability', close: () => connectability.close() });

  let site: Site | null = null;
  let seeder: Seeder | null = null;
  /** The class torrent, round by round (lab-server/rounds.ts). */
  let rounds: Rounds | null = null;
  let shared: SharedTorrents | null = null;
  let privacy: Privacy | null = null;
  let recorder: Recorder | null = null;
  let completion: CompletionHistory | null = null;
  let info: LabInfo | null = null;
  let ice: Ice | null = null;
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

  // socket.io answers its long-polling requests before the lab's request handler runs.
  io.engine.on('headers', (headers: Record<string, string>) =>
    Object.assign(headers, security.headers()),
  );

  // Every socket event of every part is registered through this layer (socket-layer.ts).
  const sockets = createSocketLayer({ io });
  sockets.on('warning', (err: Error) => lab.emit('warning', err));
  sockets.on('error', (err: Error) => lab.emit('error', err));
  // io.close() closes the engine and the HTTP server, whose close waits for every connection:
  // end them all (keep-alive ones included). Closing the engine rather than disconnecting
  // sockets lets pages reconnect by themselves when the lab comes back.
  parts.push({
    name: 'socket.io and http',
    close: () => {
      sockets.close();
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections();
      return closed;
    },
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
    // "The room": where the relay may relay and the SOCKS proxy may connect, nowhere else.
    const room = config.roomSubnets
      ? config.roomSubnets.map(parseSubnet)
      : address.startsWith('127.')
        ? [parseSubnet('127.0.0.0/8')]
        : subnetsOf([address]);
    ice = createIce({
      host: config.host,
      // Port 0 (tests) picks a free one rather than guessing that port + 1 is free.
      port: config.icePort ?? (config.port === 0 ? 0 : port + 1),
      publicAddress: address,
      relay: config.relay,
      roomSubnets: room,
      external:
        config.turnUrl && config.turnSecret
          ? { url: config.turnUrl, secret: config.turnSecret }
          : undefined,
    });
    own('ice', ice);
    try {
      await ice.listen();
    } catch (err) {
      http.close();
      await tracker.close();
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new PortInUseError(config.icePort ?? port + 1, 'STUN/TURN');
      throw err;
    }
    const labIce = ice;
    const trackers = {
      http: `${base}/announce`,
      udp: `udp://${address}:${port}`,
      ws: `ws://${address}:${port}/announce`,
    };

    let torrentPort = 0;
    if (config.seed) {
      seeder = own(
        'seeder',
        createSeeder({
          torrentPort: config.torrentPort,
          webrtcFastStart: config.webrtcFastStart,
          superSeed: config.superSeed,
          // STUN only: the seeder sits on the lab's own LAN address, which every attendee reaches, so
          // relaying it through itself would only double its traffic. (Also, webrtc-polyfill hands
          // TURN to libdatachannel as user:pass@host, which our `expiry:name` usernames break.)
          iceServers: labIce.iceServers('seeder').filter((s) => s.urls.startsWith('stun:')),
        }),
      );
    }
    rounds = own(
      'rounds',
      createRounds({
        source: pack,
        trackers,
        model,
        tracker,
        seeder,
        listedPeers: (infoHash) => tracker.listedPeers(infoHash),
        dataDir: config.dataDir,
        onError: (err) => lab.emit('error', err),
      }),
    );
    try {
      await rounds.start();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new PortInUseError(config.torrentPort, 'seeder TCP');
      throw err;
    }
    if (seeder) torrentPort = seeder.torrentPort();

    // Each part below is started in order and closed in reverse (lab.close).
    privacy = own('privacy', createPrivacy({ sockets, dataDir: config.dataDir }));
    own(
      'hub',
      createHub({
        io,
        sockets,
        model,
        currentInfoHash: () => model.getTorrent()?.infoHash ?? null,
        showAddresses: () => privacy?.showAddresses() ?? false,
      }),
    );
    recorder = own('recorder', createRecorder({ model, dataDir: config.dataDir }));
    completion = own('completion history', createCompletionHistory({ model }));
    own(
      'connectivity',
      createConnectivityHub({
        io,
        sockets,
        model,
        desktop: () => connectability.results(),
      }),
    );
    const classRounds = rounds;
    own(
      'experiments',
      createExperiments({
        io,
        sockets,
        model,
        dataDir: config.dataDir,
        superSeed: config.superSeed,
        throttleSeeder: (rate) => seeder?.throttleUpload(rate),
        setEncryption: (mode) => seeder?.setEncryption(mode),
        setSuperSeeding: (on) => seeder?.setSuperSeeding(on),
        setSeeding: (on) => classRounds.setSeeding(on),
        newRound: () => classRounds.next(),
        closeWires: (peerId) => classRounds.closeWires(peerId),
        current: () => {
          const { round, infoHash } = classRounds.current();
          return { round, infoHash };
        },
      }),
    );
    const labSeeder = seeder;
    const wires = own(
      'wire capture',
      createWireCapture({
        io,
        sockets,
        mode: () => labSeeder?.encryption() ?? 'off',
        showAddresses: () => privacy?.showAddresses() ?? false,
      }),
    );
    privacy.on('change', () => wires.refresh());
    if (labSeeder) {
      labSeeder.on('connection', (c: RawConnection) => wires.record(c));
      labSeeder.on('wire:opened', (w: WireHandshake) => wires.opened(w));
      labSeeder.on('wire:refused', (w: WireHandshake) =>
        wires.refused(
          w,
          w.encryption === 'plaintext'
            ? 'plaintext handshake: the seeder requires encryption'
            : 'encrypted: the seeder is set to plaintext only',
        ),
      );
    }
    own('slide sync', createSlideSync({ io, sockets, dataDir: config.dataDir }));
    const classIndex = own(
      'shared torrents',
      createSharedTorrents({
        io,
        sockets,
        showAddresses: () => privacy?.showAddresses() ?? false,
        tracker,
        counts: (h) => tracker.counts(h),
        trackers,
        maxBytes: config.maxShareBytes,
        dataDir: config.dataDir,
        seedbox: seeder ?? undefined,
      }),
    );
    shared = classIndex;
    privacy.on('change', () => classIndex.refresh());
    await classIndex.restore();
    if (seeder) {
      for (const extra of extras) {
        const file = await extra.torrent([trackers.ws, trackers.http, trackers.udp]);
        await seeder.seed(file, extra.parent);
        await classIndex.addLabTorrent(file, 'Instructor');
      }
    }

    const attendeeUrls = [...new Set([address, ...lanAddresses().map((a) => a.address)])].map(
      (a) => `http://${a}:${port}/`,
    );
    origins = attendeeUrls.map((u) => u.replace(/\/$/, ''));
    const staticInfo = { version: VERSION, attendeeUrl: `${base}/`, attendeeUrls, trackers };
    let issued = 0;
    // The torrent changes with every round: /api/lab reads the current one at each request.
    info = {
      ...staticInfo,
      // A fresh TURN credential for every page that asks: each can be told apart and expires.
      get iceServers() {
        return labIce.iceServers(`page${++issued}`);
      },
      get torrent() {
        const r = classRounds.current();
        const { infoHash, name, magnet, length, pieceCount } = r;
        return { infoHash, name, magnet, length, pieceCount };
      },
    };

    let socksPort: number | null = null;
    if (config.socksProxy !== undefined) {
      // Loopback too: the instructor may try the proxy on the lab laptop itself.
      const allowed = [...new Set(['127.0.0.0/8', '::1/128', ...room.map((r) => r.cidr)])];
      const socks = own('socks proxy', createSocksProxy({ allowed }));
      socks.on('connection', (c) => lab.emit('socks', c));
      socksPort = await socks.listen(config.socksProxy, config.host);
    }

    handlersReady();
    if (config.site) {
      const s = await createSite({ dev: config.dev, hostname: address, port });
      site = s;
      // Closed first: requests still arriving get the "starting" 503 instead of a closed site.
      own('site', { close: () => ((site = null), s.close()) });
    }
    debug('listening on %s', base);
    return {
      port,
      torrentPort,
      address,
      instructorToken: config.instructorToken,
      info,
      instructorUrl: `${base}/instructor#token=${config.instructorToken}`,
      ice: labIce.describe(),
      icePort: labIce.port(),
      socksPort,
    };
  };

  lab.ice = () => ice;

  lab.close = async () => {
    // Reverse order: nothing is closed while a part started after it still uses it.
    for (const part of parts.reverse()) {
      debug('closing %s', part.name);
      await part.close();
    }
    parts.length = 0;
    debug('closed');
  };

  return lab;
}
