/**
 * Course progress, kept in this browser only (localStorage): which lessons were opened and
 * whose quiz was passed. A tiny external store for useSyncExternalStore; other tabs' changes
 * arrive through the `storage` event.
 */
export interface Progress {
  readonly visited: readonly string[];
  readonly passed: readonly string[];
}

const KEY = 'swarmlab:progress:v1';
const EMPTY: Progress = { visited: [], passed: [] };
const listeners = new Set<() => void>();

let cachedRaw: string | null = null;
let cached: Progress = EMPTY;

function parse(raw: string | null): Progress {
  if (!raw) return EMPTY;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return EMPTY;
    const { visited, passed } = value as Record<string, unknown>;
    const strings = (v: unknown) =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    return { visited: strings(visited), passed: strings(passed) };
  } catch {
    return EMPTY;
  }
}

function read(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null; // storage disabled (private mode, policy): progress simply is not kept
  }
}

export function getProgress(): Progress {
  const raw = read();
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cached = parse(raw);
  }
  return cached;
}

export function getServerProgress(): Progress {
  return EMPTY;
}

export function subscribeProgress(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY || e.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function update(change: (p: Progress) => Progress): void {
  const next = change(getProgress());
  if (next === cached) return;
  try {
    window.localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    return;
  }
  for (const l of listeners) l();
}

export function markVisited(slug: string): void {
  update((p) => (p.visited.includes(slug) ? p : { ...p, visited: [...p.visited, slug] }));
}

export function markPassed(slug: string): void {
  update((p) => (p.passed.includes(slug) ? p : { ...p, passed: [...p.passed, slug] }));
}

export function resetProgress(): void {
  update(() => EMPTY);
}
