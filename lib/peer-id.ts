/**
 * Client names from BitTorrent peer ids. Most clients use the Azureus style `-XX1234-` (BEP 20);
 * aria2 uses `A2-1-37-0-`. The peer id is given as 40 hex characters.
 */

const AZUREUS: Record<string, string> = {
  WW: 'WebTorrent',
  WD: 'WebTorrent Desktop',
  qB: 'qBittorrent',
  TR: 'Transmission',
  UT: 'µTorrent',
  UM: 'µTorrent Mac',
  LT: 'libtorrent',
  lt: 'rTorrent',
  DE: 'Deluge',
  BI: 'BiglyBT',
  AZ: 'Vuze',
  KT: 'KTorrent',
  FD: 'Free Download Manager',
  BT: 'BitTorrent',
  SL: 'SwarmLab bot',
};

function hexToAscii(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const code = parseInt(hex.slice(i, i + 2), 16);
    out += code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : '\u0000';
  }
  return out;
}

export function clientFromPeerId(peerIdHex: string): string {
  const text = hexToAscii(peerIdHex.slice(0, 40));
  const az = /^-([A-Za-z]{2})([0-9A-Za-z]{4})-/.exec(text);
  if (az) {
    const name = AZUREUS[az[1]!] ?? `Unknown client (${az[1]})`;
    const v = az[2]!;
    // Digits are version parts; WebTorrent writes two digits per part ("0301" = 3.1 in -WW0301-).
    const version = /^\d{4}$/.test(v)
      ? az[1] === 'WW'
        ? `${Number(v.slice(0, 2))}.${Number(v.slice(2))}`
        : v.replace(/0+$/, '').split('').join('.') || '0'
      : v;
    return `${name} ${version}`;
  }
  const aria = /^A2-(\d+)-(\d+)-(\d+)-/.exec(text);
  if (aria) return `aria2 ${aria[1]}.${aria[2]}.${aria[3]}`;
  return 'Unknown client';
}
