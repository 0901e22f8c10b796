/**
 * DhtLookup's model: a Kademlia network (BEP 5) in a small id space, and one get_peers lookup
 * walked round by round. Ids are `bits` wide so they fit on a slide in binary; the distance
 * between two ids is their XOR, read as a number, so sharing a longer prefix means closer.
 *
 * Each node keeps a routing table of k-buckets (bucket b: the nodes at distance 2^b ≤ d <
 * 2^(b+1), at most k of them). A lookup starts from your own table and asks the α closest
 * nodes it has not asked yet; every node answers with the k nodes it knows closest to the
 * target ("nodes"), and one that stores peers for the info hash adds them ("values"). BEP 5
 * allows a node with values to leave the nodes out, but the common implementations send both,
 * and a lookup that lost the nodes of the closest ones could end before reaching all of them.
 * The lookup ends when the k closest nodes it knows have all answered.
 */
import { createRng, nextInt, shuffle } from '../sim/rng';

export interface DhtOptions {
  seed: number;
  /** Id width in bits (8 fits a slide: 0–255). */
  bits: number;
  nodes: number;
  /** Bucket size, and how many closest nodes a lookup wants (8 in BitTorrent). */
  k: number;
  /** Queries in flight per round (3 in Kademlia). */
  alpha: number;
}

export const DHT_DEFAULTS: DhtOptions = { seed: 127, bits: 8, nodes: 40, k: 4, alpha: 3 };

export interface DhtNetwork {
  options: DhtOptions;
  /** Node ids, ascending. */
  ids: number[];
  target: number;
  you: number;
  /** Node id -> the ids in its routing table. */
  tables: Map<number, number[]>;
  /** The k nodes closest to the target: where peers announced themselves (announce_peer). */
  storers: number[];
  /** What get_peers returns from a storer: compact "ip:port" of peers in the swarm. */
  peers: string[];
}

export const xor = (a: number, b: number) => (a ^ b) >>> 0;

/** Leading bits a and b share, out of `bits`. */
export function sharedPrefix(a: number, b: number, bits: number): number {
  const d = xor(a, b);
  return d === 0 ? bits : bits - (32 - Math.clz32(d));
}

/** Bucket index of b in a's table: floor(log2(a XOR b)), or -1 for a itself. */
export const bucketOf = (a: number, b: number) => 31 - Math.clz32(xor(a, b));

export const toBinary = (id: number, bits: number) => id.toString(2).padStart(bits, '0');

/** Ids sorted by XOR distance to target, closest first. */
export function byDistance(ids: Iterable<number>, target: number): number[] {
  return [...ids].sort((a, b) => xor(a, target) - xor(b, target));
}

export function createDhtNetwork(options: Partial<DhtOptions> = {}): DhtNetwork {
  const o = { ...DHT_DEFAULTS, ...options };
  const space = 2 ** o.bits;
  if (o.nodes + 1 > space) throw new RangeError('dht: more nodes than ids');
  const rng = createRng(o.seed);
  const picked = shuffle(
    rng,
    Array.from({ length: space }, (_, i) => i),
  );
  const target = picked[0]!;
  const ids = picked.slice(1, o.nodes + 1).sort((a, b) => a - b);
  // You are far from the target (other first bit), so the walk has somewhere to go.
  const far = ids.filter((id) => sharedPrefix(id, target, o.bits) === 0);
  const you = far.length > 0 ? far[nextInt(rng, far.length)]! : ids[0]!;
  const tables = new Map<number, number[]>();
  for (const a of ids) {
    const buckets = new Map<number, number[]>();
    for (const b of ids) {
      if (b === a) continue;
      const i = bucketOf(a, b);
      buckets.set(i, [...(buckets.get(i) ?? []), b]);
    }
    const table: number[] = [];
    // A full bucket keeps k of its nodes (real ones keep the longest-lived; here: seeded).
    for (const nodes of buckets.values()) table.push(...shuffle(rng, nodes).slice(0, o.k));
    tables.set(
      a,
      table.sort((x, y) => x - y),
    );
  }
  const storers = byDistance(ids, target).slice(0, o.k);
  // Three distinct addresses: a swarm never lists the same peer twice.
  const peerSet = new Set<string>();
  while (peerSet.size < 3) {
    peerSet.add(`10.0.${nextInt(rng, 4)}.${10 + nextInt(rng, 240)}:${6881 + nextInt(rng, 9)}`);
  }
  const peers = [...peerSet];
  return { options: o, ids, target, you, tables, storers, peers };
}

export interface Response {
  from: number;
  /** The k nodes the answering node knows closest to the target ("nodes"). */
  nodes: number[];
  /** Peers ("values"), when the node stores them. */
  values: string[];
}

export interface LookupStep {
  /** 0: before any query, from your own routing table. */
  round: number;
  queried: number[];
  responses: Response[];
  /** Every node the lookup knows, closest first. */
  known: number[];
  /** Nodes asked so far, this round included. */
  asked: number[];
  /** Nodes first learned this round. */
  learned: number[];
  peers: string[];
  done: boolean;
}

/** What node `id` answers to get_peers(target). */
export function getPeers(net: DhtNetwork, id: number): Response {
  const nodes = byDistance(net.tables.get(id) ?? [], net.target).slice(0, net.options.k);
  return { from: id, nodes, values: net.storers.includes(id) ? net.peers : [] };
}

/** The whole lookup, one entry per round; the last one has done = true. */
export function lookup(net: DhtNetwork, maxRounds = 64): LookupStep[] {
  const { k, alpha } = net.options;
  const known = new Set(net.tables.get(net.you) ?? []);
  const asked = new Set<number>([net.you]);
  const peers = new Set<string>();
  const closestAnswered = () =>
    byDistance(known, net.target)
      .slice(0, k)
      .every((id) => asked.has(id));
  const steps: LookupStep[] = [
    {
      round: 0,
      queried: [],
      responses: [],
      known: byDistance(known, net.target),
      asked: [],
      learned: [...known],
      peers: [],
      done: known.size === 0,
    },
  ];
  for (let round = 1; round <= maxRounds && !closestAnswered(); round++) {
    const queried = byDistance(known, net.target)
      .filter((id) => !asked.has(id))
      .slice(0, alpha);
    if (queried.length === 0) break;
    const responses = queried.map((id) => getPeers(net, id));
    const learned: number[] = [];
    for (const id of queried) asked.add(id);
    for (const r of responses) {
      for (const id of r.nodes) {
        if (id !== net.you && !known.has(id)) {
          known.add(id);
          learned.push(id);
        }
      }
      for (const p of r.values) peers.add(p);
    }
    steps.push({
      round,
      queried,
      responses,
      known: byDistance(known, net.target),
      asked: [...asked].filter((id) => id !== net.you),
      learned,
      peers: [...peers],
      done: false,
    });
  }
  steps.at(-1)!.done = true;
  return steps;
}

/** What happened in a round, in words, for the text beside the picture. */
export function describeStep(net: DhtNetwork, step: LookupStep): string {
  const { bits, k, alpha } = net.options;
  const bin = (id: number) => toBinary(id, bits);
  if (step.round === 0) {
    return `You (${bin(net.you)}) look for the info hash ${bin(net.target)}. Your routing table holds ${step.known.length} nodes; the closest of them shares ${sharedPrefix(step.known[0] ?? net.you, net.target, bits)} leading bits with the target. Each round asks the ${alpha} closest nodes not asked yet.`;
  }
  const withPeers = step.responses.filter((r) => r.values.length > 0).map((r) => bin(r.from));
  const parts = [`Round ${step.round}: get_peers to ${step.queried.map(bin).join(', ')}.`];
  if (step.learned.length > 0) {
    const best = Math.max(...step.learned.map((id) => sharedPrefix(id, net.target, bits)));
    parts.push(
      `They answer with nodes you did not know: ${step.learned.length} new, the best sharing ${best} bits with the target.`,
    );
  } else {
    parts.push('Their answers hold no node you did not know already.');
  }
  if (withPeers.length > 0) {
    parts.push(
      `${withPeers.join(', ')} ${withPeers.length === 1 ? 'stores' : 'store'} peers for this torrent: ${withPeers.length === 1 ? 'its answer carries' : 'their answers carry'} values (peer addresses) too.`,
    );
  }
  if (step.done) {
    parts.push(
      `The ${k} closest nodes you know have all answered: the lookup is over, with ${step.peers.length} peers to connect to.`,
    );
  }
  return parts.join(' ');
}
