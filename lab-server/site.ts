/**
 * The Next.js site inside the lab's process: a production build (built on demand when the
 * sources changed since the last one) or, with --dev, Next's dev server with hot reload.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Everything a build depends on; a change in any of these means the build is stale. */
const SOURCES = [
  'app',
  'components',
  'lib',
  'content',
  'slides',
  'public',
  'mdx-components.tsx',
  'next.config.mjs',
  'package.json',
  'tsconfig.json',
];
const STAMP = path.join(PROJECT_ROOT, '.next', 'swarmlab-build-stamp');

function* walk(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (stat.isFile()) {
    yield entry;
    return;
  }
  for (const name of readdirSync(entry).sort()) yield* walk(path.join(entry, name));
}

/** A hash of the site's sources (paths and contents), so a rebuild happens exactly when needed. */
export function sourceFingerprint(root = PROJECT_ROOT): string {
  const hash = createHash('sha256');
  for (const top of SOURCES) {
    for (const file of walk(path.join(root, top))) {
      hash.update(path.relative(root, file));
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

export function buildIsCurrent(root = PROJECT_ROOT): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId) || !existsSync(STAMP)) return false;
  return readFileSync(STAMP, 'utf8').trim() === sourceFingerprint(root);
}

/** Runs `next build`, streaming its output, and stamps the result. */
export async function buildSite(log: (line: string) => void): Promise<void> {
  const fingerprint = sourceFingerprint();
  log('Building the site (first start, or the sources changed). This takes about a minute…');
  const nextBin = path.join(PROJECT_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, 'build'], {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`next build failed with exit code ${code}`)),
    );
  });
  writeFileSync(STAMP, fingerprint);
}

export interface Site {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

export async function createSite(opts: {
  dev: boolean;
  hostname: string;
  port: number;
}): Promise<Site> {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  const app = next({ dev: opts.dev, dir: PROJECT_ROOT, hostname: opts.hostname, port: opts.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = opts.dev ? app.getUpgradeHandler() : null;
  return {
    handle: (req, res) => handle(req, res),
    handleUpgrade: (req, socket, head) => {
      if (!upgrade || !(req.url ?? '').startsWith('/_next/')) return false;
      void upgrade(req, socket, head);
      return true;
    },
    close: async () => {
      await (app as unknown as { close?: () => Promise<void> }).close?.();
    },
  };
}
