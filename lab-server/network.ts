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
