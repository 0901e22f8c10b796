/**
 * Reservations for classrooms (tests/support/classroom.ts), so concurrent runs on one machine
 * never collide: a lock file per 10.233.X.0/24 and per host slot under /run/swarmlab-classroom,
 * holding the creator's pid. A lock whose pid is dead is stale: what it names is removed (only
 * names with its run's tag) and the lock reused. That is how a run killed with SIGKILL, which
 * no exit hook sees, is cleaned up by the next classroom built on the machine.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  FIRST_SLOT,
  LAST_SLOT,
  NAT_LINKS,
  hostPlan,
  randomTag,
  roomPlan,
  roomTeardownCommands,
  type HostOptions,
  type HostPlan,
  type RoomPlan,
} from './classroom-plan';
import { atRoot, inRoot, namespaces, run } from './classroom-exec';

export const STATE_DIR = '/run/swarmlab-classroom';

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

const roomLockSchema = z.object({
  pid: z.number().optional(),
  tag: z.string(),
  octet: z.number(),
  /** Where its root-side commands ran: its own name for the root namespace, or an outer one. */
  rootNs: z.string(),
});

/** Removes what a killed run (SIGKILL: no exit hook) left behind: only names with its tag. */
function reapRoom(stale: unknown): void {
  const parsed = roomLockSchema.safeParse(stale);
  if (!parsed.success) return;
  const { tag, octet, rootNs } = parsed.data;
  const room = roomPlan(tag, octet);
  const nsNames = namespaces();
  const exec = nsNames.includes(rootNs) ? rootNs : undefined;
  for (const ns of nsNames)
    if (ns.startsWith(`sw-${tag}-`) && ns !== room.rootNs) run(['ip', 'netns', 'delete', ns], true);
  for (const argv of roomTeardownCommands(room)) run(atRoot(exec, argv), true);
  if (nsNames.includes(room.rootNs)) run(['ip', 'netns', 'delete', room.rootNs], true);
  rmSync(path.join(STATE_DIR, tag), { recursive: true, force: true });
}

/** Every classroom on this machine whose creator died without tearing it down. */
export function reapStaleRooms(): void {
  let files: string[] = [];
  try {
    files = readdirSync(STATE_DIR).filter((f) => /^\d+\.json$/.test(f));
  } catch {
    return;
  }
  for (const file of files) {
    const lock = path.join(STATE_DIR, file);
    let content: unknown;
    try {
      content = JSON.parse(readFileSync(lock, 'utf8'));
    } catch {
      continue; // being written right now, or unreadable: leave it
    }
    const pid = (content as { pid?: unknown }).pid;
    if (typeof pid !== 'number' || pidAlive(pid)) continue;
    reapRoom(content);
    rmSync(lock, { force: true });
  }
}

/** A free 10.233.X.0/24 (no route or address on it in the root namespace), reserved for us. */
export function reserveRoom(outerRootNs: string | undefined): RoomPlan {
  const routes = run(atRoot(outerRootNs, ['ip', '-4', 'route', 'show', 'table', 'all']));
  const addrs = run(atRoot(outerRootNs, ['ip', '-4', '-o', 'addr', 'show']));
  for (let attempt = 0; attempt < 64; attempt++) {
    const octet = 1 + Math.floor(Math.random() * 254);
    if (routes.includes(`10.233.${octet}.`) || addrs.includes(`10.233.${octet}.`)) continue;
    const planned = roomPlan(randomTag(), octet);
    // Inside another classroom's host, reuse its name for the root namespace (we are not in
    // it, so we cannot attach it ourselves); otherwise we name the one we are in.
    const room = outerRootNs ? { ...planned, rootNs: outerRootNs } : planned;
    const lock = { tag: room.tag, octet, rootNs: room.rootNs };
    if (reserve(path.join(STATE_DIR, `${octet}.json`), lock, reapRoom)) return room;
  }
  throw new Error('classroom: no free 10.233.X.0/24 subnet after 64 tries');
}

export function slotFile(room: RoomPlan, kind: 'slot' | 'nat', n: number): string {
  return path.join(STATE_DIR, room.tag, `${kind}-${n}.json`);
}

/** A free slot (and NAT link) in `room`, reserved for this process. */
export function allocate(room: RoomPlan, options: HostOptions): HostPlan {
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
