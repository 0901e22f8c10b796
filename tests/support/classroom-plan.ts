/**
 * The pure half of the classroom (tests/support/classroom.ts): names, addresses and the exact
 * `ip`/`iptables`/`tc`/`bridge` command lines that build and tear down a room of network
 * namespaces. Nothing here touches the system, so unit tests can check every command.
 *
 * Addressing (one run owns 10.233.X.0/24, X picked at random among the unused):
 *   10.233.X.0/25    the room: every address a test may reach, and all the OUTPUT rules allow
 *     .1             the bridge, in the root namespace (every host's default route)
 *     .2             the lab host
 *     .3 – .95       attendee hosts and the outer legs of NAT routers
 *     .96 – .127     eight /30 links behind NAT routers (router .97+4k, attendee .98+4k), so a
 *                    NAT'd room can hold as many NAT'd browsers as the tests ask for
 *   10.233.X.128/25  reserved but outside the room: blackholed in the root namespace, so a
 *                    test can prove a packet to "outside" is dropped without ever sending one
 *                    to a real outside address
 */

export type Command = string[];

export interface HostOptions {
  /** A short label for logs and the namespace name ([a-z0-9-], at most 12 characters). */
  label?: string;
  /**
   * Client isolation on this host's bridge port, as guest Wi-Fi does: isolated hosts cannot
   * reach each other, only ports that are not isolated (the lab's). Isolate every attendee.
   */
  isolated?: boolean;
  /** Behind a NAT router namespace of its own (MASQUERADE): it can dial out, nobody can dial in. */
  nat?: boolean;
  /** Inbound TCP connections refused (SYN dropped); uTP/UDP still gets in. */
  inboundTcpBlocked?: boolean;
  /** A slow link: `tbf` rate limits in megabits per second (this kernel has no netem). */
  upMbit?: number;
  downMbit?: number;
  /** No default route: Chromium then gathers no host candidate at all. */
  noDefaultRoute?: boolean;
}

export interface HostPlan {
  label: string;
  /** Network namespace name: run things in it with `ip netns exec <ns> …`. */
  ns: string;
  /** The host's own address (for a NAT'd host, its private address behind the router). */
  address: string;
  /** The root-namespace end of the host's (or its router's) bridge port. */
  veth: string;
  /** The last octet of the address on the bridge (the router's, for a NAT'd host). */
  slot: number;
  options: HostOptions;
  /** For a NAT'd host: the router's namespace, its address on the bridge and the /30 used. */
  router?: { ns: string; address: string; natIndex: number };
}

export interface RoomPlan {
  tag: string;
  octet: number;
  /** The /24 this run reserved. */
  subnet: string;
  /** The /25 hosts live in; OUTPUT rules drop everything else. */
  room: string;
  /** The reserved half nobody lives in (blackholed). */
  outside: string;
  gateway: string;
  bridge: string;
  /** A name for the root namespace, so hosts can be added from inside another namespace. */
  rootNs: string;
}

export const LAB_SLOT = 2;
export const FIRST_SLOT = 3;
export const LAST_SLOT = 95;
export const NAT_LINKS = 8;
/** The first /30 behind a NAT router: link k is .NAT_BASE+4k (network) to +3 (broadcast). */
const NAT_BASE = 96;

const TAG = /^[a-z0-9]{4}$/;
const LABEL = /^[a-z0-9-]{1,12}$/;

export function randomTag(random: () => number = Math.random): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let tag = '';
  for (let i = 0; i < 4; i++) tag += alphabet[Math.floor(random() * alphabet.length)];
  return tag;
}

export function roomPlan(tag: string, octet: number): RoomPlan {
  if (!TAG.test(tag)) throw new Error(`classroom tag must be 4 of [a-z0-9], got "${tag}"`);
  if (!Number.isInteger(octet) || octet < 1 || octet > 254)
    throw new Error(`classroom octet must be 1–254, got ${octet}`);
  const net = `10.233.${octet}`;
  return {
    tag,
    octet,
    subnet: `${net}.0/24`,
    room: `${net}.0/25`,
    outside: `${net}.128/25`,
    gateway: `${net}.1`,
    bridge: `swb${tag}`,
    rootNs: `sw-${tag}-root`,
  };
}

/** Names and addresses of one host; `slot` is its last octet on the bridge. */
export function hostPlan(
  room: RoomPlan,
  slot: number,
  options: HostOptions = {},
  natIndex?: number,
): HostPlan {
  if (!Number.isInteger(slot) || slot < LAB_SLOT || slot > LAST_SLOT)
    throw new Error(`host slot must be ${LAB_SLOT}–${LAST_SLOT}, got ${slot}`);
  const label = options.label ?? (slot === LAB_SLOT ? 'lab' : `h${slot}`);
  if (!LABEL.test(label)) throw new Error(`host label must be 1–12 of [a-z0-9-], got "${label}"`);
  const net = `10.233.${room.octet}`;
  // Root-side interface names must fit IFNAMSIZ (15): "sw" + tag + "h" + slot is at most 10.
  const veth = `sw${room.tag}h${slot}`;
  // The slot in the name keeps two hosts with one label (two processes' "aria2") apart.
  const ns = slot === LAB_SLOT ? `sw-${room.tag}-lab` : `sw-${room.tag}-${slot}-${label}`;
  if (!options.nat) return { label, ns, address: `${net}.${slot}`, veth, slot, options };
  if (
    natIndex === undefined ||
    !Number.isInteger(natIndex) ||
    natIndex < 0 ||
    natIndex >= NAT_LINKS
  )
    throw new Error(`a NAT'd host needs a NAT link 0–${NAT_LINKS - 1}, got ${natIndex}`);
  return {
    label,
    ns,
    address: `${net}.${NAT_BASE + 2 + 4 * natIndex}`,
    veth,
    slot,
    options,
    router: { ns: `sw-${room.tag}-${slot}-router`, address: `${net}.${slot}`, natIndex },
  };
}

function inNs(ns: string, ...argv: string[]): Command {
  return ['ip', 'netns', 'exec', ns, ...argv];
}

/** OUTPUT rules that keep every packet inside the room (IPv6: link-local and multicast only). */
export function fenceCommands(room: RoomPlan, ns: string): Command[] {
  const v4 = (...rule: string[]) => inNs(ns, 'iptables', '-w', ...rule);
  const v6 = (...rule: string[]) => inNs(ns, 'ip6tables', '-w', ...rule);
  return [
    v4('-A', 'OUTPUT', '-o', 'lo', '-j', 'ACCEPT'),
    v4('-A', 'OUTPUT', '-d', room.room, '-j', 'ACCEPT'),
    // mDNS: Chromium hides host addresses behind .local names resolved over multicast.
    v4('-A', 'OUTPUT', '-d', '224.0.0.0/4', '-j', 'ACCEPT'),
    v4('-A', 'OUTPUT', '-j', 'DROP'),
    v6('-A', 'OUTPUT', '-o', 'lo', '-j', 'ACCEPT'),
    v6('-A', 'OUTPUT', '-d', 'fe80::/10', '-j', 'ACCEPT'),
    v6('-A', 'OUTPUT', '-d', 'ff00::/8', '-j', 'ACCEPT'),
    v6('-A', 'OUTPUT', '-j', 'DROP'),
  ];
}

/** `tbf` on an interface's egress; burst sized for the rate so fast links are not starved. */
export function rateCommand(prefix: Command, dev: string, mbit: number): Command {
  if (!(mbit > 0) || mbit > 10_000) throw new Error(`rate must be 0–10000 Mbit/s, got ${mbit}`);
  const burstBytes = Math.max(16 * 1024, Math.ceil((mbit * 1e6) / 8 / 100));
  return [
    ...prefix,
    ...['tc', 'qdisc', 'add', 'dev', dev, 'root', 'tbf'],
    ...['rate', `${mbit}mbit`, 'burst', String(burstBytes), 'latency', '200ms'],
  ];
}

/** Creates the bridge, names the root namespace, blackholes the outside half. Run in root. */
export function roomSetupCommands(room: RoomPlan): Command[] {
  return [
    ['ip', 'link', 'add', room.bridge, 'type', 'bridge'],
    ['ip', 'addr', 'add', `${room.gateway}/25`, 'dev', room.bridge],
    ['ip', 'link', 'set', room.bridge, 'up'],
    ['ip', 'route', 'add', 'blackhole', room.outside],
  ];
}

export function roomTeardownCommands(room: RoomPlan): Command[] {
  return [
    ['ip', 'link', 'delete', room.bridge],
    ['ip', 'route', 'del', 'blackhole', room.outside],
  ];
}

/** A namespace plugged into the bridge at `address` with `veth` as its root-side end. */
function plugCommands(room: RoomPlan, ns: string, veth: string, address: string): Command[] {
  return [
    ['ip', 'netns', 'add', ns],
    ['ip', 'link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns],
    ['ip', 'link', 'set', veth, 'master', room.bridge, 'up'],
    ['ip', '-n', ns, 'link', 'set', 'lo', 'up'],
    ['ip', '-n', ns, 'addr', 'add', `${address}/25`, 'dev', 'eth0'],
    ['ip', '-n', ns, 'link', 'set', 'eth0', 'up'],
  ];
}

/** Every command that builds one host (and its router), in order. Root-namespace commands. */
export function hostSetupCommands(room: RoomPlan, host: HostPlan): Command[] {
  const o = host.options;
  const cmds: Command[] = [];
  if (!host.router) {
    cmds.push(...plugCommands(room, host.ns, host.veth, host.address));
    if (!o.noDefaultRoute)
      cmds.push(['ip', '-n', host.ns, 'route', 'add', 'default', 'via', room.gateway]);
  } else {
    const r = host.router;
    const inner = `10.233.${room.octet}.${NAT_BASE + 1 + 4 * r.natIndex}`;
    cmds.push(...plugCommands(room, r.ns, host.veth, r.address));
    cmds.push(['ip', '-n', r.ns, 'route', 'add', 'default', 'via', room.gateway]);
    cmds.push(...fenceCommands(room, r.ns));
    cmds.push(
      ['ip', 'netns', 'add', host.ns],
      [
        'ip',
        '-n',
        r.ns,
        'link',
        'add',
        'lan0',
        'type',
        'veth',
        'peer',
        'name',
        'eth0',
        'netns',
        host.ns,
      ],
      ['ip', '-n', r.ns, 'addr', 'add', `${inner}/30`, 'dev', 'lan0'],
      ['ip', '-n', r.ns, 'link', 'set', 'lan0', 'up'],
      ['ip', '-n', host.ns, 'link', 'set', 'lo', 'up'],
      ['ip', '-n', host.ns, 'addr', 'add', `${host.address}/30`, 'dev', 'eth0'],
      ['ip', '-n', host.ns, 'link', 'set', 'eth0', 'up'],
      inNs(r.ns, 'sysctl', '-qw', 'net.ipv4.ip_forward=1'),
      inNs(
        r.ns,
        'iptables',
        '-w',
        '-t',
        'nat',
        '-A',
        'POSTROUTING',
        '-o',
        'eth0',
        '-j',
        'MASQUERADE',
      ),
      // The router forwards only within the room, like every host's OUTPUT rule.
      inNs(r.ns, 'iptables', '-w', '-A', 'FORWARD', '!', '-d', room.room, '-j', 'DROP'),
    );
    if (!o.noDefaultRoute)
      cmds.push(['ip', '-n', host.ns, 'route', 'add', 'default', 'via', inner]);
  }
  cmds.push(...fenceCommands(room, host.ns));
  if (o.isolated) cmds.push(['bridge', 'link', 'set', 'dev', host.veth, 'isolated', 'on']);
  if (o.inboundTcpBlocked)
    cmds.push(inNs(host.ns, 'iptables', '-w', '-A', 'INPUT', '-p', 'tcp', '--syn', '-j', 'DROP'));
  if (o.upMbit !== undefined) cmds.push(rateCommand(inNs(host.ns), 'eth0', o.upMbit));
  if (o.downMbit !== undefined)
    cmds.push(
      host.router
        ? rateCommand(inNs(host.router.ns), 'lan0', o.downMbit)
        : rateCommand([], host.veth, o.downMbit),
    );
  return cmds;
}

/**
 * Deleting a namespace deletes its veths too, but the kernel does that later, in the
 * background: the root-side end goes first, at once, so nothing lingers after close().
 */
export function hostTeardownCommands(host: HostPlan): Command[] {
  const cmds: Command[] = [
    ['ip', 'link', 'delete', host.veth],
    ['ip', 'netns', 'delete', host.ns],
  ];
  if (host.router) cmds.push(['ip', 'netns', 'delete', host.router.ns]);
  return cmds;
}
