/**
 * What the lab can tell about its own host before a class: its interfaces, whether there is a
 * default route (without one, attendees' Chromium gathers no host candidates: the lab's STUN is
 * what connects them), whether the address it prints is really one of this host's, and which
 * ports a local firewall must let in. `npm start -- --doctor` prints it without starting; the lab
 * prints it at start-up too. Facts are gathered apart from the judgement, which is pure.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface HostFacts {
  platform: string;
  interfaces: { name: string; address: string; netmask: string; family: 'IPv4' | 'IPv6' }[];
  /** null when this OS does not say (only Linux's /proc/net/route is read). */
  defaultRoute: { via: string; dev: string } | null | 'unknown';
  /** The INPUT chain's policy and its DROP/REJECT rules, when iptables can be asked. */
  firewall: { policy: string; blocking: string[] } | null;
}

export interface DoctorInput {
  facts: HostFacts;
  /** The address the lab prints and announces. */
  address: string;
  /** What it listens on (--host). */
  host: string;
  ports: { http: number; ice: number; torrent: number };
}

export interface Finding {
  level: 'ok' | 'warn' | 'info';
  text: string;
}

/** Linux's main routing table: the default route's gateway and interface. */
export function parseProcRoute(text: string): { via: string; dev: string } | null {
  for (const line of text.split('\n').slice(1)) {
    const [dev, destination, gateway] = line.trim().split(/\s+/);
    if (!dev || destination !== '00000000' || !gateway) continue;
    const n = parseInt(gateway, 16);
    // /proc/net/route prints addresses in host (little-endian) byte order.
    const via = [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.');
    return { via, dev };
  }
  return null;
}

export function gatherHostFacts(): HostFacts {
  const interfaces: HostFacts['interfaces'] = [];
  for (const [name, infos] of Object.entries(os.networkInterfaces())) {
    for (const i of infos ?? []) {
      if (i.internal || (i.family === 'IPv6' && i.address.startsWith('fe80:'))) continue;
      interfaces.push({ name, address: i.address, netmask: i.netmask, family: i.family });
    }
  }
  let defaultRoute: HostFacts['defaultRoute'] = 'unknown';
  if (process.platform === 'linux') {
    try {
      defaultRoute = parseProcRoute(readFileSync('/proc/net/route', 'utf8'));
    } catch {
      defaultRoute = 'unknown';
    }
  }
  let firewall: HostFacts['firewall'] = null;
  try {
    const rules = execFileSync('iptables', ['-S', 'INPUT'], {
      encoding: 'utf8',
      timeout: 2000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const policy = /^-P INPUT (\w+)/m.exec(rules)?.[1] ?? 'ACCEPT';
    const blocking = rules.split('\n').filter((l) => /-j (DROP|REJECT)\b/.test(l));
    firewall = { policy, blocking };
  } catch {
    firewall = null; // no iptables, or not allowed to ask
  }
  return { platform: process.platform, interfaces, defaultRoute, firewall };
}

export function diagnose(input: DoctorInput): Finding[] {
  const { facts, address, host, ports } = input;
  const out: Finding[] = [];
  const v4 = facts.interfaces.filter((i) => i.family === 'IPv4');
  if (v4.length === 0)
    out.push({
      level: 'warn',
      text: 'No network interface with an IPv4 address: attendees cannot reach this laptop. Join the room’s Wi-Fi or plug in a cable.',
    });
  for (const i of v4)
    out.push({ level: 'info', text: `Interface ${i.name}: ${i.address}/${i.netmask}` });

  const own = facts.interfaces.some((i) => i.address === address) || address.startsWith('127.');
  if (!own)
    out.push({
      level: 'warn',
      text: `The printed address ${address} is not one of this laptop's: attendees would be sent elsewhere. Pick one above with --address.`,
    });
  else if (address.startsWith('127.'))
    out.push({
      level: 'warn',
      text: `The printed address ${address} is loopback: only this laptop can open it.`,
    });
  else out.push({ level: 'ok', text: `The printed address ${address} is this laptop's.` });
  if (host !== '0.0.0.0' && host !== '::' && host !== address)
    out.push({
      level: 'warn',
      text: `The lab listens on ${host} only, but prints ${address}: attendees' connections would be refused.`,
    });

  if (facts.defaultRoute === 'unknown')
    out.push({ level: 'info', text: 'Default route: this system does not say.' });
  else if (facts.defaultRoute === null)
    out.push({
      level: 'warn',
      text: "No default route (a LAN with no gateway): browsers then gather no host candidates of their own; the lab's STUN gives them their LAN address, so keep it on.",
    });
  else
    out.push({
      level: 'ok',
      text: `Default route via ${facts.defaultRoute.via} on ${facts.defaultRoute.dev}.`,
    });

  const needed = `TCP ${ports.http} (site, trackers), UDP ${ports.http} (UDP tracker), UDP ${ports.ice} (STUN/TURN), TCP+UDP ${ports.torrent} (desktop clients)`;
  if (facts.firewall && (facts.firewall.policy !== 'ACCEPT' || facts.firewall.blocking.length > 0))
    out.push({
      level: 'warn',
      text: `A local firewall filters incoming traffic (INPUT policy ${facts.firewall.policy}, ${facts.firewall.blocking.length} DROP/REJECT rule(s)): let in ${needed}.`,
    });
  else
    out.push({
      level: 'info',
      text: `If this laptop runs a firewall, let in ${needed}.`,
    });
  return out;
}

export function formatFindings(findings: Finding[]): string {
  const mark = { ok: '✓', warn: '⚠', info: '·' } as const;
  return findings.map((f) => `  ${mark[f.level]} ${f.text}`).join('\n');
}
