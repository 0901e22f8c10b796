/**
 * IPv4 subnets: which addresses count as "the room". The relay only relays to them, so it can
 * never be used to reach the venue's other networks or the internet (coturn's denied-peer-ip).
 */
import os from 'node:os';

export interface Subnet {
  base: number;
  bits: number;
  cidr: string;
}

export function ipv4ToInt(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

function mask(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

export function parseSubnet(cidr: string): Subnet {
  const [ip, bitsText] = cidr.split('/');
  const n = ipv4ToInt(ip ?? '');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (n === null || !Number.isInteger(bits) || bits < 0 || bits > 32)
    throw new Error(`not an IPv4 subnet: "${cidr}"`);
  const base = (n & mask(bits)) >>> 0;
  return { base, bits, cidr: `${intToIpv4(base)}/${bits}` };
}

function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function inSubnets(ip: string, subnets: readonly Subnet[]): boolean {
  const n = ipv4ToInt(ip);
  if (n === null) return false;
  return subnets.some((s) => (n & mask(s.bits)) >>> 0 === s.base);
}

function maskBits(netmask: string): number {
  const n = ipv4ToInt(netmask) ?? 0;
  let bits = 0;
  while (bits < 32 && n & (0x80000000 >>> bits)) bits++;
  return bits;
}

/**
 * The subnets of this host's interfaces that carry `addresses` (the ones the lab announces):
 * the room is the LAN the attendees reach the lab on, not every network the laptop is on.
 */
export function subnetsOf(addresses: readonly string[]): Subnet[] {
  const out: Subnet[] = [];
  for (const infos of Object.values(os.networkInterfaces())) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || !addresses.includes(info.address)) continue;
      out.push(parseSubnet(`${info.address}/${maskBits(info.netmask)}`));
    }
  }
  return out;
}
