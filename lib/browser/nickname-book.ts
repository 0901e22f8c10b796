/**
 * Classmates' nicknames for the page's wire table. Read from the lab's /api/swarm — not once at
 * start, which left everyone who joined later as "classmate", but again whenever a wire shows a
 * peer id it does not know, at most every `minGapMs`.
 */

export interface NicknameBook {
  /** The nickname, the seeder's name, or "classmate" until the next refresh knows it. */
  name(peerId: string): string;
  isSeeder(peerId: string): boolean;
  /** Reads the swarm now (at start); later refreshes happen by themselves. */
  refresh(): Promise<void>;
}

interface SwarmPeers {
  peers: { id: string; kind: string; nickname: string }[];
}

export function createNicknameBook(opts: {
  fetchSwarm: () => Promise<SwarmPeers>;
  now?: () => number;
  minGapMs?: number;
}): NicknameBook {
  const now = opts.now ?? Date.now;
  const minGapMs = opts.minGapMs ?? 5000;
  const names = new Map<string, string>();
  const seeders = new Set<string>();
  let last = -Infinity;
  let pending: Promise<void> | null = null;

  const refresh = () => {
    last = now();
    pending ??= opts
      .fetchSwarm()
      .then((swarm) => {
        for (const p of swarm.peers) {
          if (p.kind === 'seeder') seeders.add(p.id);
          if (p.nickname) names.set(p.id, p.nickname);
        }
      })
      // A failed read is retried on the next unknown peer; the table says "classmate" meanwhile.
      .catch(() => {})
      .finally(() => {
        pending = null;
      });
    return pending;
  };

  return {
    name(peerId) {
      if (seeders.has(peerId)) return 'Instructor seeder';
      const known = names.get(peerId);
      if (known) return known;
      if (now() - last >= minGapMs) void refresh();
      return 'classmate';
    },
    isSeeder: (peerId) => seeders.has(peerId),
    refresh,
  };
}
