/**
 * `npm start`: parses arguments, builds the site if needed, starts the lab, prints how to reach
 * it, and shuts down cleanly on Ctrl-C. A thin subscriber: the work is in the modules.
 */
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { createLab, PortInUseError } from './lab';
import { diagnose, formatFindings, gatherHostFacts } from './doctor';
import { primaryAddress } from './network';
import { buildIsCurrent, buildSite } from './site';
import type { SocksConnection } from './socks-proxy';

const HELP = `SwarmLab — a live, legal BitTorrent swarm for a classroom.

Usage: npm start -- [options]

  --port <n>           HTTP + tracker port (default 3000; UDP tracker on the same number)
  --host <address>     interface to listen on (default: all interfaces)
  --torrent-port <n>   the seeder's TCP/uTP port for desktop clients (default 6881)
  --address <ip>       the LAN address to print and announce (default: the first LAN address)
  --data-dir <path>    where the class pack is generated (default ./.lab-data)
  --pack-size <MiB>    size of the generated class pack's media (default 24)
  --share <folder>     seed this folder instead of the generated class pack
  --also-share <folder>
                       seed this folder as well, listed in the class index (repeatable)
  --open-tracker       track any torrent, not only the class's own (class mode is the default)
  --no-super-seed      the seeder shows every piece from the start, instead of super-seeding
                       (BEP 16, the default: it reveals pieces a few at a time, so each leaves
                       it about once and the class trades the rest; the instructor can also
                       switch it live)
  --ice-port <n>       UDP port of the room's STUN + TURN (default: --port + 1)
  --no-relay           STUN only, no TURN relay (classmates on isolating Wi-Fi then get the
                       seeder alone)
  --turn-url <url>     hand out an outside TURN server (coturn with use-auth-secret) instead
  --turn-secret <s>    that server's static-auth-secret (with --turn-url)
  --room-subnet <cidr> a subnet the relay (and --socks-proxy) may reach (repeatable; default:
                       the lab's LAN)
  --socks-proxy [port] run a SOCKS5 proxy for the privacy lesson (default port 1080); it only
                       reaches the room's subnets (--room-subnet) and logs every connection
  --token <secret>     instructor token (default: random at every start)
  --doctor             print what the lab can tell about this host's network, and exit
  --dev                Next.js dev mode (hot reload) instead of the production build
  --no-site            serve only the tracker, seeder and APIs
  -h, --help           show this help

Debug logging: DEBUG=lab:* npm start`;

function fail(message: string): never {
  console.error(`\n  ✖ ${message}\n`);
  process.exit(1);
}

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) fail(`--${name} wants a whole number, got "${value}"`);
  return n;
}

const SOCKS_DEFAULT_PORT = 1080;

/** `--socks-proxy` may stand alone (default port): parseArgs wants a value, so give it one. */
function withSocksDefault(argv: string[]): string[] {
  return argv.map((arg, i) =>
    arg === '--socks-proxy' && !/^\d+$/.test(argv[i + 1] ?? '')
      ? `--socks-proxy=${SOCKS_DEFAULT_PORT}`
      : arg,
  );
}

async function main() {
  let args;
  try {
    args = parseArgs({
      args: withSocksDefault(process.argv.slice(2)),
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'torrent-port': { type: 'string' },
        address: { type: 'string' },
        'data-dir': { type: 'string' },
        'pack-size': { type: 'string' },
        share: { type: 'string' },
        'also-share': { type: 'string', multiple: true },
        'open-tracker': { type: 'boolean', default: false },
        // Super-seeding is the default; --super-seed is still accepted (scripts from before).
        'super-seed': { type: 'boolean', default: false },
        'no-super-seed': { type: 'boolean', default: false },
        'ice-port': { type: 'string' },
        'no-relay': { type: 'boolean', default: false },
        'turn-url': { type: 'string' },
        'turn-secret': { type: 'string' },
        'room-subnet': { type: 'string', multiple: true },
        'socks-proxy': { type: 'string' },
        token: { type: 'string' },
        dev: { type: 'boolean', default: false },
        doctor: { type: 'boolean', default: false },
        'no-site': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail(`${(err as Error).message}\n\n${HELP}`);
  }
  if (args.help) {
    console.log(HELP);
    return;
  }

  const port = intOption(args.port, 'port') ?? 3000;
  const doctorReport = (ports: { http: number; ice: number; torrent: number }) =>
    formatFindings(
      diagnose({
        facts: gatherHostFacts(),
        address: primaryAddress(args.address),
        host: args.host ?? '0.0.0.0',
        ports,
      }),
    );
  if (args.doctor) {
    console.log(`\n  SwarmLab doctor: this host's network\n`);
    console.log(
      doctorReport({
        http: port,
        ice: intOption(args['ice-port'], 'ice-port') ?? port + 1,
        torrent: intOption(args['torrent-port'], 'torrent-port') ?? 6881,
      }),
    );
    console.log('');
    return;
  }

  const site = !args['no-site'];
  if (site && !args.dev && !buildIsCurrent()) {
    await buildSite((line) => console.log(line)).catch((err: Error) => fail(err.message));
  }

  let lab;
  try {
    lab = createLab({
      port: intOption(args.port, 'port'),
      host: args.host,
      torrentPort: intOption(args['torrent-port'], 'torrent-port'),
      publicAddress: args.address,
      dataDir: args['data-dir'],
      packMiB: intOption(args['pack-size'], 'pack-size'),
      share: args.share,
      alsoShare: args['also-share'],
      openTracker: args['open-tracker'],
      superSeed: !args['no-super-seed'],
      socksProxy: intOption(args['socks-proxy'], 'socks-proxy'),
      instructorToken: args.token,
      icePort: intOption(args['ice-port'], 'ice-port'),
      relay: !args['no-relay'],
      turnUrl: args['turn-url'],
      turnSecret: args['turn-secret'],
      roomSubnets: args['room-subnet'],
      site,
      dev: args.dev,
    });
  } catch (err) {
    fail((err as Error).message);
  }
  lab.on('warning', (err: Error) => {
    if (process.env.DEBUG) console.warn(`  ⚠ ${err.message}`);
  });
  lab.on('error', (err: Error) => console.error(`  ✖ ${err.message}`));
  // For the demo: the class watches who went where through the proxy.
  lab.on('socks', (c: SocksConnection) =>
    console.log(`  SOCKS5 ${c.from} → ${c.to}${c.allowed ? '' : '  REFUSED (outside the room)'}`),
  );

  console.log('\n  Starting SwarmLab…');
  let lastPercent = -1;
  lab.on('hashing', (hashed: number, total: number, folder: string) => {
    const percent = total ? Math.floor((hashed / total) * 100) : 100;
    if (percent === lastPercent) return;
    lastPercent = percent;
    const mib = (n: number) => (n / 1048576).toFixed(0);
    const line = `  Hashing ${folder}: ${percent}% (${mib(hashed)} of ${mib(total)} MiB)`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line}${percent === 100 ? '\n' : ''}`);
    else if (percent % 10 === 0) console.log(line);
  });
  let running;
  try {
    running = await lab.listen();
  } catch (err) {
    if (err instanceof PortInUseError) fail(err.message);
    fail(`could not start: ${(err as Error).stack ?? err}`);
  }

  const { info } = running;
  const qr = await QRCode.toString(info.attendeeUrl, { type: 'terminal', small: true });
  console.log(`
  SwarmLab ${info.version} is running.

  Attendees, on the same network, open:
${info.attendeeUrls.map((u) => `    ${u}`).join('\n')}

${qr
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
  Instructor (keep this one to yourself):
    ${running.instructorUrl}
  Projector:
    http://${running.address}:${running.port}/projector

  Tracker: ${info.trackers.http}  ${info.trackers.udp}  ${info.trackers.ws}
           ${args['open-tracker'] ? 'open: tracks any torrent' : "class mode: only the class's torrents (--open-tracker to change)"}
  ICE:     ${running.ice}
${running.socksPort === null ? '' : `  SOCKS5:  ${running.address}:${running.socksPort} (the privacy demo; reaches only this room)\n`}  Seeder:  tcp+utp ${running.address}:${running.torrentPort}, WebRTC via the tracker${args['no-super-seed'] ? '' : ', super-seeding (BEP 16)'}
${(args['also-share'] ?? []).map((f) => `  Also seeding: ${f} (in the class index, /index)\n`).join('')}  Class pack: ${info.torrent?.name} (${((info.torrent?.length ?? 0) / 1048576).toFixed(1)} MiB, info hash ${info.torrent?.infoHash})

  This host:
${doctorReport({ http: running.port, ice: running.icePort, torrent: running.torrentPort })}

  Press Ctrl-C to stop.
`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      console.log('  Forced exit.');
      process.exit(1);
    }
    closing = true;
    console.log(`\n  ${signal}: stopping the lab…`);
    const force = setTimeout(() => process.exit(0), 5000);
    force.unref();
    await lab.close().catch(() => {});
    console.log('  Stopped. Bye!');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('Ctrl-C'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
