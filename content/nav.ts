/**
 * The course order. A lesson's file is content/<slug>.mdx and its URL is /learn/<slug>;
 * the order is this list, never the file system's. The title lives here (the page renders
 * the <h1>), so a lesson file starts with its <Intro>, not with a heading.
 */
export interface LessonEntry {
  slug: string;
  title: string;
  /** One line for the course index and the search results. */
  summary: string;
  /** Reading time, checked against the text by tests/unit/content-lessons.test.ts. */
  minutes: number;
}

export const LESSONS: readonly LessonEntry[] = [
  {
    slug: 'myths-and-reality',
    title: 'BitTorrent: myths and reality',
    summary:
      'What BitTorrent is, who relies on it every day, what is actually illegal, and why “torrent” does not mean “piracy”.',
    minutes: 14,
  },
  {
    slug: 'pieces-and-hashes',
    title: 'Pieces and hashes',
    summary:
      'How a file is cut into pieces, fingerprinted, and described by a .torrent file or a magnet link.',
    minutes: 14,
  },
  {
    slug: 'trackers-and-swarms',
    title: 'Trackers and swarms',
    summary:
      'How peers find each other through a tracker, what seeds and leechers are, and why the time to serve everyone grows far more slowly than the swarm.',
    minutes: 13,
  },
  {
    slug: 'the-peer-wire',
    title: 'The peer wire',
    summary:
      'The conversation between two peers: handshake, have and bitfield, choking, tit-for-tat and rarest-first.',
    minutes: 15,
  },
  {
    slug: 'without-a-tracker',
    title: 'Without a tracker',
    summary:
      'Finding peers with no central server: the DHT and its XOR distance, peer exchange, and local discovery.',
    minutes: 14,
  },
  {
    slug: 'nat-and-firewalls',
    title: 'NAT and firewalls',
    summary:
      'Why some peers cannot be reached, and the tools that fix it: port forwarding, UPnP, uTP, hole punching and WebRTC.',
    minutes: 14,
  },
  {
    slug: 'privacy-and-safety',
    title: 'Privacy and safety',
    summary:
      'What the swarm learns about you, what protocol encryption does and does not hide, and where VPNs, seedboxes and private trackers fit.',
    minutes: 15,
  },
  {
    slug: 'find-download-create',
    title: 'Find, download, create',
    summary:
      'Finding legal torrents, checking what you downloaded, and making and sharing a torrent of your own.',
    minutes: 13,
  },
  {
    slug: 'beyond-piracy',
    title: 'Beyond piracy',
    summary:
      'WebTorrent, PeerTube, the decentralised web, and BitTorrent v2 with SHA-256 and per-file Merkle trees.',
    minutes: 12,
  },
];

export function lessonBySlug(slug: string): LessonEntry | undefined {
  return LESSONS.find((l) => l.slug === slug);
}

export function neighbours(slug: string): { prev?: LessonEntry; next?: LessonEntry } {
  const i = LESSONS.findIndex((l) => l.slug === slug);
  if (i < 0) return {};
  return { prev: LESSONS[i - 1], next: LESSONS[i + 1] };
}
