/**
 * The workshop's decks, in the order they are taught. A deck's file is slides/<slug>.mdx and
 * its URL is /slides/<slug>; the order is this list, never the file system's.
 */
export interface DeckEntry {
  slug: string;
  title: string;
  /** One line for the deck index. */
  summary: string;
  /** Roughly how long it takes to present. */
  minutes: number;
}

export const DECKS: readonly DeckEntry[] = [
  {
    slug: 'intro',
    title: 'BitTorrent, minus the myths',
    summary:
      'What BitTorrent is, who uses it every day, and five things people get wrong about it.',
    minutes: 15,
  },
  {
    slug: 'how-a-torrent-works',
    title: 'How a torrent works',
    summary:
      'Pieces, hashes, the info hash, trackers and peers: the whole journey of one download.',
    minutes: 20,
  },
  {
    slug: 'live-swarm',
    title: 'The live swarm',
    summary: 'Everyone joins the class swarm; we watch pieces flow and break things on purpose.',
    minutes: 20,
  },
  {
    slug: 'peer-wire',
    title: 'The peer wire and choking',
    summary: 'The handshake, the messages peers exchange, rarest first, and tit-for-tat choking.',
    minutes: 20,
  },
  {
    slug: 'dht-nat-webtorrent',
    title: 'DHT, NAT and WebTorrent',
    summary:
      'Finding peers without a tracker, getting through home routers, and BitTorrent in a browser.',
    minutes: 20,
  },
  {
    slug: 'privacy-and-law',
    title: 'Privacy and the law',
    summary:
      'What a swarm reveals about you, what encryption and VPNs do and do not hide, and where the law stands.',
    minutes: 15,
  },
  {
    slug: 'create-and-share',
    title: 'Create and share',
    summary: 'Make a torrent of your own file, hand a classmate the magnet link, and seed it.',
    minutes: 20,
  },
];

export function deckBySlug(slug: string): DeckEntry | undefined {
  return DECKS.find((d) => d.slug === slug);
}

export function deckNeighbours(slug: string): { prev?: DeckEntry; next?: DeckEntry } {
  const i = DECKS.findIndex((d) => d.slug === slug);
  if (i < 0) return {};
  return { prev: DECKS[i - 1], next: DECKS[i + 1] };
}
