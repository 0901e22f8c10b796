import os from 'node:os';

export interface LanAddress {
  name: string;
  address: string;
}

/** Non-internal IPv4 addresses, most likely LAN first (Wi-Fi/Ethernet before bridges and VPNs). */
export function lanAddresses(): LanAddress[] {
  const out: LanAddress[] = [];
  for (const [name, infos] of Object.entries(os.networkInterfaces())) {
    for (const info of infos ?? []) {
      if (info.family === 'IPv4' && !info.internal) out.push({ name, address: info.address });
    }
  }
  const rank = (a: LanAddress) =>
    /^(docker|br-|veth|virbr|tun|tap|wg|utun|zt)/.test(a.name) ? 1 : 0;
  return out.sort((a, b) => rank(a) - rank(b));
}

/** The address attendees reach: the configured one, else the first LAN address, else loopback. */
export function primaryAddress(configured?: string): string {
  if (configured) return configured;
  return lanAddresses()[0]?.address ?? '127.0.0.1';
}

/**
 * The subnets the room lives on: loopback and each interface subnet holding `address` (the
 * lab's LAN address). The SOCKS proxy lets clients reach these and nothing else.
 */
export function roomSubnets(address: string): string[] {
  const out = ['127.0.0.0/8', '::1/128'];
  for (const infos of Object.values(os.networkInterfaces()))
    for (const info of infos ?? []) if (info.address === address && info.cidr) out.push(info.cidr);
  // An address on no interface here (a --address behind a NAT): that one host only.
  if (out.length === 2) out.push(address.includes(':') ? `${address}/128` : `${address}/32`);
  return out;
}
