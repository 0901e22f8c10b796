/**
 * A classroom of network namespaces: a bridge, a lab host and attendee hosts, each with its own
 * address, `lo` up, a default route via the bridge and OUTPUT rules that drop anything outside
 * the room (tests/support/classroom-plan.ts has the addressing and every command). Several
 * engineers and CI jobs build classrooms on one machine at once, so the subnet and every name
 * are unique per run, reserved with lock files under /run/swarmlab-classroom.
 *
 *   const room = createClassroom({ attendees: 2 });     // as root, in the root namespace
 *   room.attendees[0].spawn('aria2c', [...]);           // runs in that attendee's namespace
 *   await room.close();                                 // also runs on exit, SIGINT, SIGTERM
 *
 * Inside `in-classroom.ts` (a whole gate on the lab host), `joinClassroom()` returns the room
 * from SWARMLAB_CLASSROOM; hosts added to it are removed by that handle's close().
 */
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  FIRST_SLOT,
  LAB_SLOT,
  LAST_SLOT,
  NAT_LINKS,
  hostPlan,
  hostSetupCommands,
  hostTeardownCommands,
  randomTag,
  roomPlan,
  roomSetupCommands,
  roomTeardownCommands,
  type Command,
  type HostOptions,
  type HostPlan,
  type RoomPlan,
} from './classroom-plan';

export type { HostOptions } from './classroom-plan';

export const CLASSROOM_ENV = 'SWARMLAB_CLASSROOM';
export const TEST_ADDRESS_ENV = 'SWARMLAB_TEST_ADDRESS';
const STATE_DIR = '/run/swarmlab-classroom';

export interface ClassroomHost extends HostPlan {
  /** The argv that runs `cmd` in this host (for Playwright's executablePath wrappers, logs…). */
  command(cmd: string, args?: string[]): string[];
  spawn(cmd: string, args?: string[], options?: SpawnOptions): ChildProcess;
  /** Runs to completion and returns stdout; throws with stderr on failure. */
  run(cmd: string, args?: string[]): string;
}

export interface ClassroomInfo extends RoomPlan {
  lab: HostPlan;
  attendees: HostPlan[];
}

export interface Classroom extends RoomPlan {
  lab: ClassroomHost;
  attendees: ClassroomHost[];
  /** Adds a host now (it is removed by this handle's close()). */
  addHost(options?: HostOptions): ClassroomHost;
  removeHost(host: ClassroomHost): void;
  /** What SWARMLAB_CLASSROOM carries: enough for another process to join the room. */
  info(): ClassroomInfo;
  close(): Promise<void>;
}

export interface ClassroomOptions {
  /** A number of plain attendees, or one options object per attendee. */
  attendees?: number | HostOptions[];
  /** Conditions on the lab host itself (e.g. `upMbit`: the lab's uplink). */
  lab?: Omit<HostOptions, 'nat' | 'label'>;
}

const hostOptionsSchema = z
  .object({
    label: z.string().optional(),
    isolated: z.boolean().optional(),
    nat: z.boolean().optional(),
    inboundTcpBlocked: z.boolean().optional(),
    upMbit: z.number().optional(),
    downMbit: z.number().optional(),
    noDefaultRoute: z.boolean().optional(),
  })
  .strict();
const hostPlanSchema = z.object({
  label: z.string(),
  ns: z.string(),
  address: z.string(),
  veth: z.string(),
  slot: z.number().int(),
  options: hostOptionsSchema,
  router: z.object({ ns: z.string(), address: z.string(), natIndex: z.number() }).optional(),
});
const infoSchema = z.object({
  tag: z.string(),
  octet: z.number().int(),
  subnet: z.string(),
  room: z.string(),
  outside: z.string(),
  gateway: z.string(),
  bridge: z.string(),
  rootNs: z.string(),
  lab: hostPlanSchema,
  attendees: z.array(hostPlanSchema),
});

// ── running commands ─────────────────────────────────────────────────────────────────────

function run(argv: Command, ignoreFailure = false): string {
  try {
    return execFileSync(argv[0]!, argv.slice(1), {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    if (ignoreFailure) return '';
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`classroom: \`${argv.join(' ')}\` failed${stderr ? `: ${stderr}` : ''}`);
  }
}

/**
 * Root-side commands go through the named root namespace, so they work from any host. Not
 * `ip netns add|delete|exec` nor `ip -n`: they name their namespace themselves, and `ip netns
 * add` inside `ip netns exec` would mount the new namespace in a throwaway mount namespace.
 */
function inRoot(room: RoomPlan, argv: Command): Command {
  if (argv[0] === 'ip' && (argv[1] === 'netns' || argv[1] === '-n')) return argv;
  return ['ip', 'netns', 'exec', room.rootNs, ...argv];
}

function assertCanBuild(): void {
  const why: string[] = [];
  if (process.platform !== 'linux') why.push(`this is ${process.platform}, not Linux`);
  if (process.getuid?.() !== 0) why.push('it is not running as root');
  for (const tool of ['ip', 'iptables', 'ip6tables', 'tc', 'bridge']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      why.push(`\`${tool}\` is missing`);
    }
  }
  if (why.length)
    throw new Error(
      `Cannot build a classroom of network namespaces: ${why.join(', ')}. Run as root on Linux ` +
        'with iproute2 and iptables installed (.ci/run installs them).',
    );
}

// ── reservations: octets per run, slots per host, so concurrent runs never collide ────────

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates `file` holding our pid unless it exists; a file left by a dead process is stale. */
function reserve(file: string, content: object, onStale: (stale: unknown) => void): boolean {
  mkdirSync(path.dirname(file), { recursive: true });
  const body = JSON.stringify({ pid: process.pid, ...content });
  try {
    writeFileSync(file, body, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  let stale: { pid?: number } = {};
  try {
    stale = JSON.parse(readFileSync(file, 'utf8')) as { pid?: number };
  } catch {
    // Half-written by a process that died mid-write: stale too.
  }
  if (typeof stale.pid === 'number' && pidAlive(stale.pid)) return false;
  onStale(stale);
  rmSync(file, { force: true });
  try {
    writeFileSync(file, body, { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

function namespaces(): string[] {
  try {
    return readdirSync('/run/netns');
  } catch {
    return [];
  }
}

/** Removes what a killed run (SIGKILL: no exit hook) left behind: only names with its tag. */
function reapRoom(stale: unknown): void {
  const parsed = z.object({ tag: z.string(), octet: z.number() }).safeParse(stale);
  if (!parsed.success) return;
  const room = roomPlan(parsed.data.tag, parsed.data.octet);
  for (const ns of namespaces())
    if (ns.startsWith(`sw-${room.tag}-`) && ns !== room.rootNs)
      run(['ip', 'netns', 'delete', ns], true);
  for (const argv of roomTeardownCommands(room)) run(argv, true);
  if (namespaces().includes(room.rootNs)) run(['ip', 'netns', 'delete', room.rootNs], true);
  rmSync(path.join(STATE_DIR, room.tag), { recursive: true, force: true });
}

function reserveRoom(): RoomPlan {
  const routes = run(['ip', '-4', 'route', 'show', 'table', 'all']);
  const addrs = run(['ip', '-4', '-o', 'addr', 'show']);
  for (let attempt = 0; attempt < 64; attempt++) {
    const octet = 1 + Math.floor(Math.random() * 254);
    if (routes.includes(`10.233.${octet}.`) || addrs.includes(`10.233.${octet}.`)) continue;
    const room = roomPlan(randomTag(), octet);
    if (reserve(path.join(STATE_DIR, `${octet}.json`), { tag: room.tag, octet }, reapRoom))
      return room;
  }
  throw new Error('classroom: no free 10.233.X.0/24 subnet after 64 tries');
}

// ── hosts ─────────────────────────────────────────────────────────────────────────────────

function toHost(plan: HostPlan): ClassroomHost {
  const command = (cmd: string, args: string[] = []) => [
    'ip',
    'netns',
    'exec',
    plan.ns,
    cmd,
    ...args,
  ];
  return {
    ...plan,
    command,
    spawn: (cmd, args = [], options = {}) => {
      const [file, ...rest] = command(cmd, args);
      return spawn(file!, rest, options);
    },
    run: (cmd, args = []) => run(command(cmd, args)),
  };
}

function slotFile(room: RoomPlan, kind: 'slot' | 'nat', n: number): string {
  return path.join(STATE_DIR, room.tag, `${kind}-${n}.json`);
}

/** A free slot (and NAT link) in `room`, reserved for this process. */
function allocate(room: RoomPlan, options: HostOptions): HostPlan {
  const reapHost = (stale: unknown) => {
    const parsed = z.object({ ns: z.array(z.string()) }).safeParse(stale);
    if (parsed.success)
      for (const ns of parsed.data.ns) run(inRoot(room, ['ip', 'netns', 'delete', ns]), true);
  };
  let natIndex: number | undefined;
  if (options.nat) {
    for (let k = 0; k < NAT_LINKS && natIndex === undefined; k++)
      if (reserve(slotFile(room, 'nat', k), { ns: [] }, () => {})) natIndex = k;
    if (natIndex === undefined) throw new Error(`classroom: all ${NAT_LINKS} NAT links are in use`);
  }
  for (let slot = FIRST_SLOT; slot <= LAST_SLOT; slot++) {
    const plan = hostPlan(room, slot, options, natIndex);
    const ns = plan.router ? [plan.ns, plan.router.ns] : [plan.ns];
    if (reserve(slotFile(room, 'slot', slot), { ns, nat: natIndex }, reapHost)) return plan;
  }
  throw new Error(`classroom: all ${LAST_SLOT - FIRST_SLOT + 1} host slots are in use`);
}

function release(room: RoomPlan, plan: HostPlan): void {
  for (const argv of hostTeardownCommands(plan)) run(inRoot(room, argv), true);
  rmSync(slotFile(room, 'slot', plan.slot), { force: true });
  if (plan.router) rmSync(slotFile(room, 'nat', plan.router.natIndex), { force: true });
}

function build(room: RoomPlan, plan: HostPlan): ClassroomHost {
  try {
    for (const argv of hostSetupCommands(room, plan)) run(inRoot(room, argv));
  } catch (err) {
    release(room, plan);
    throw err;
  }
  return toHost(plan);
}

// ── teardown on exit, SIGINT, SIGTERM, SIGHUP ─────────────────────────────────────────────

const live = new Set<() => void>();
let hooked = false;

function teardownAll(): void {
  for (const close of [...live]) {
    try {
      close();
    } catch {
      // Keep tearing down the rest.
    }
  }
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', teardownAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      teardownAll();
      // Our listener is gone now (`once`): re-raising takes the default action, so the
      // process still dies of the signal as it would have without a classroom.
      process.kill(process.pid, signal);
    });
}

function handle(
  room: RoomPlan,
  lab: ClassroomHost,
  attendees: ClassroomHost[],
  destroyRoom: (() => void) | undefined,
): Classroom {
  const added = new Set<ClassroomHost>();
  let closed = false;
  const closeSync = () => {
    if (closed) return;
    closed = true;
    live.delete(closeSync);
    for (const host of added) release(room, host);
    added.clear();
    destroyRoom?.();
  };
  live.add(closeSync);
  hookExit();
  const classroom: Classroom = {
    ...room,
    lab,
    attendees,
    addHost(options = {}) {
      if (closed) throw new Error('classroom: closed');
      const host = build(room, allocate(room, options));
      added.add(host);
      attendees.push(host);
      return host;
    },
    removeHost(host) {
      if (!added.delete(host))
        throw new Error(`classroom: ${host.ns} was not added by this handle`);
      release(room, host);
      const i = attendees.indexOf(host);
      if (i >= 0) attendees.splice(i, 1);
    },
    info: () => ({ ...room, lab: plainPlan(lab), attendees: attendees.map(plainPlan) }),
    close: async () => closeSync(),
  };
  return classroom;
}

function plainPlan(host: HostPlan): HostPlan {
  const { label, ns, address, veth, slot, options, router } = host;
  return router
    ? { label, ns, address, veth, slot, options, router }
    : { label, ns, address, veth, slot, options };
}

/** Builds a fresh classroom. Needs root and iproute2/iptables; refuses clearly otherwise. */
export function createClassroom(options: ClassroomOptions = {}): Classroom {
  assertCanBuild();
  const outer = classroomFromEnv();
  const reserved = reserveRoom();
  // Inside another classroom's host, reuse its name for the root namespace (we are not in it,
  // so we cannot attach it ourselves); otherwise name the one we are in.
  const room: RoomPlan = outer ? { ...reserved, rootNs: outer.rootNs } : reserved;
  const hosts: HostPlan[] = [];
  let labHost: ClassroomHost | undefined;
  const destroyRoom = () => {
    for (const host of hosts)
      for (const argv of hostTeardownCommands(host)) run(inRoot(room, argv), true);
    for (const argv of roomTeardownCommands(room)) run(inRoot(room, argv), true);
    if (!outer) run(['ip', 'netns', 'delete', room.rootNs], true);
    rmSync(path.join(STATE_DIR, room.tag), { recursive: true, force: true });
    rmSync(path.join(STATE_DIR, `${room.octet}.json`), { force: true });
  };
  live.add(destroyRoom);
  hookExit();
  const attendees: ClassroomHost[] = [];
  try {
    if (!outer) run(['ip', 'netns', 'attach', room.rootNs, String(process.pid)]);
    for (const argv of roomSetupCommands(room)) run(inRoot(room, argv));
    const labPlan = hostPlan(room, LAB_SLOT, { ...options.lab, label: 'lab' });
    hosts.push(labPlan);
    labHost = build(room, labPlan);
    const specs =
      typeof options.attendees === 'number'
        ? Array.from({ length: options.attendees }, () => ({}))
        : (options.attendees ?? []);
    for (const spec of specs) {
      const plan = allocate(room, spec);
      hosts.push(plan);
      attendees.push(build(room, plan));
    }
  } catch (err) {
    live.delete(destroyRoom);
    destroyRoom();
    throw err;
  }
  live.delete(destroyRoom);
  return handle(room, labHost, attendees, destroyRoom);
}

/** The classroom this process runs in (SWARMLAB_CLASSROOM), or undefined outside one. */
export function classroomFromEnv(
  env: Record<string, string | undefined> = process.env,
): ClassroomInfo | undefined {
  const raw = env[CLASSROOM_ENV];
  if (!raw) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(`${CLASSROOM_ENV} is not JSON: ${raw.slice(0, 80)}`);
  }
  const parsed = infoSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${CLASSROOM_ENV} is malformed: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * The classroom this process runs in (see in-classroom.ts), as a handle that can add hosts;
 * close() removes only the hosts this handle added. Throws clearly outside a classroom.
 */
export function joinClassroom(): Classroom {
  const info = classroomFromEnv();
  if (!info)
    throw new Error(
      `Not in a classroom (${CLASSROOM_ENV} is unset). Run through the classroom wrapper, as ` +
        'root: `npx tsx tests/support/in-classroom.ts -- <command>`.',
    );
  assertCanBuild();
  const { lab, attendees, ...room } = info;
  return handle(room, toHost(lab), attendees.map(toHost), undefined);
}

/** Environment for a process that runs in `classroom` (in-classroom.ts sets it). */
export function classroomEnv(classroom: Classroom): Record<string, string> {
  return {
    [CLASSROOM_ENV]: JSON.stringify(classroom.info()),
    [TEST_ADDRESS_ENV]: classroom.lab.address,
  };
}
