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
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  LAB_SLOT,
  hostPlan,
  hostSetupCommands,
  hostTeardownCommands,
  roomSetupCommands,
  roomTeardownCommands,
  type HostOptions,
  type HostPlan,
  type RoomPlan,
} from './classroom-plan';
import { assertCanBuild, inRoot, run } from './classroom-exec';
import { STATE_DIR, allocate, reapStaleRooms, reserveRoom, slotFile } from './classroom-locks';

export type { HostOptions } from './classroom-plan';

export const CLASSROOM_ENV = 'SWARMLAB_CLASSROOM';
export const TEST_ADDRESS_ENV = 'SWARMLAB_TEST_ADDRESS';

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
  reapStaleRooms();
  const room = reserveRoom(outer?.rootNs);
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
