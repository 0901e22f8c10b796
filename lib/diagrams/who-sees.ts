/**
 * WhoSeesWhat's model: for a choice of privacy tools (MSE encryption, a SOCKS5 proxy for
 * trackers and peers, a VPN, a seedbox), what each observer can learn about you. The rules are
 * the privacy lesson's (content/privacy-and-safety.mdx), written once here so the table and the
 * text cannot drift apart:
 *
 * - Trackers and peers always see the info hash and that BitTorrent is used (that is their job);
 *   they see your own address unless a proxy, a VPN or a seedbox stands in front of you. Peers
 *   also get the content: you exchange it with them. MSE changes nothing for them.
 * - MSE hides the peer wire from the network, but tracker announces and the DHT stay plain, so
 *   the Wi-Fi and ISP still learn the info hash and that BitTorrent is used.
 * - SOCKS5 does not encrypt: the network sees everything up to the proxy, and the proxy's
 *   operator sees it all. UDP (uTP, the DHT) may go around a TCP-only proxy.
 * - A VPN moves what the network would have seen to the VPN provider.
 * - With a seedbox your own machine only fetches finished files over an encrypted connection:
 *   the seedbox host sees everything, the swarm sees the seedbox.
 */

export type Tool = 'encryption' | 'proxy' | 'vpn' | 'seedbox';
export type Observer = 'network' | 'tracker' | 'peers' | 'proxy' | 'vpn' | 'seedbox';
export type Fact = 'address' | 'bittorrent' | 'infohash' | 'content';
export type Level = 'yes' | 'partly' | 'no';

export type Tools = Readonly<Record<Tool, boolean>>;

export interface Cell {
  level: Level;
  /** One short sentence: why this observer does or does not see it. */
  why: string;
}

export interface ObserverRow {
  observer: Observer;
  cells: Readonly<Record<Fact, Cell>>;
}

export const TOOLS: readonly Tool[] = ['encryption', 'proxy', 'vpn', 'seedbox'];
export const FACTS: readonly Fact[] = ['address', 'bittorrent', 'infohash', 'content'];

export const TOOL_LABELS: Record<Tool, string> = {
  encryption: 'Protocol encryption (MSE)',
  proxy: 'SOCKS5 proxy',
  vpn: 'VPN',
  seedbox: 'Seedbox',
};

export const OBSERVER_LABELS: Record<Observer, string> = {
  network: 'Wi-Fi and ISP',
  tracker: 'Tracker',
  peers: 'Other peers',
  proxy: 'Proxy operator',
  vpn: 'VPN provider',
  seedbox: 'Seedbox host',
};

export const FACT_LABELS: Record<Fact, string> = {
  address: 'your address',
  bittorrent: 'that you use BitTorrent',
  infohash: 'the info hash',
  content: 'the content',
};

export const NO_TOOLS: Tools = { encryption: false, proxy: false, vpn: false, seedbox: false };

const yes = (why: string): Cell => ({ level: 'yes', why });
const no = (why: string): Cell => ({ level: 'no', why });
const partly = (why: string): Cell => ({ level: 'partly', why });

/** What someone watching your own connection sees, before any VPN (the ISP, or the VPN provider). */
function onYourLine(t: Tools, who: string): Record<Fact, Cell> {
  if (t.seedbox) {
    return {
      address: yes(`${who} sees the connection's end: you.`),
      bittorrent: no(
        'Your machine only fetches finished files from the seedbox, over HTTPS or SFTP.',
      ),
      infohash: no('No announce or handshake leaves your machine.'),
      content: no('The files arrive over an encrypted connection.'),
    };
  }
  return {
    address: yes(`${who} sees the connection's end: you.`),
    bittorrent: yes(
      t.encryption
        ? 'MSE hides the peer wire, but tracker announces and the DHT are plain.'
        : 'The handshake starts with "BitTorrent protocol" in clear.',
    ),
    infohash: yes(
      t.encryption
        ? 'Plain tracker announces carry it, even when the peer wire is encrypted.'
        : 'It crosses in clear in every handshake and announce.',
    ),
    content: t.encryption
      ? no('With the whole stream encrypted, pieces are RC4 output.')
      : yes('Pieces cross in clear.'),
  };
}

/** The address the swarm sees: yours, or whoever stands in front of you. */
function swarmAddress(t: Tools, observer: 'tracker' | 'peers'): Cell {
  if (t.seedbox) return no("It sees the seedbox's address.");
  if (t.vpn) return no("It sees the VPN server's address.");
  if (t.proxy) {
    return observer === 'tracker'
      ? no("It sees the proxy's address.")
      : partly('It sees the proxy, unless uTP or the DHT go around a TCP-only proxy.');
  }
  return yes('It needs your address to reach you, and it gets it.');
}

/** Every observer that can see something with these tools on, and what it sees. */
export function whoSees(t: Tools): ObserverRow[] {
  const rows: ObserverRow[] = [];
  rows.push({
    observer: 'network',
    cells: t.vpn
      ? {
          address: yes('It is your line: it always knows it is you.'),
          bittorrent: no('It sees only an encrypted tunnel to the VPN.'),
          infohash: no('Everything is inside the tunnel.'),
          content: no('Everything is inside the tunnel.'),
        }
      : onYourLine(t, 'Your network'),
  });
  if (t.vpn) rows.push({ observer: 'vpn', cells: onYourLine(t, 'The VPN provider') });
  if (t.proxy && !t.seedbox) {
    rows.push({
      observer: 'proxy',
      cells: {
        address: yes('Your client connects to it.'),
        bittorrent: yes('SOCKS5 does not encrypt: it relays your tracker and peer traffic.'),
        infohash: yes('Announces pass through it in clear.'),
        content: t.encryption
          ? no('MSE encrypts the peer wire end to end, through the proxy.')
          : yes('Pieces pass through it in clear.'),
      },
    });
  }
  rows.push({
    observer: 'tracker',
    cells: {
      address: swarmAddress(t, 'tracker'),
      bittorrent: yes('Announcing is using BitTorrent.'),
      infohash: yes('Every announce names the swarm by its info hash.'),
      content: no('A tracker never sees pieces: they go peer to peer.'),
    },
  });
  rows.push({
    observer: 'peers',
    cells: {
      address: swarmAddress(t, 'peers'),
      bittorrent: yes('They speak it with you.'),
      infohash: yes('The handshake names the swarm; MSE hides it only from outsiders.'),
      content: yes('You exchange pieces with them: that is the point.'),
    },
  });
  if (t.seedbox) {
    rows.push({
      observer: 'seedbox',
      cells: {
        address: t.vpn
          ? partly('It sees the VPN, but your account and payment name you.')
          : yes('You log in to it and fetch your files.'),
        bittorrent: yes('Its client is the one in the swarm.'),
        infohash: yes('It runs your torrents.'),
        content: yes('The files sit on its disks.'),
      },
    });
  }
  return rows;
}
