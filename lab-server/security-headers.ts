/**
 * Security headers on every response the lab sends (pages, APIs, tracker replies).
 *
 * The Content-Security-Policy is the least the site works under, with no outside origin:
 * - script-src 'unsafe-inline': Next.js streams the App Router's payload in inline <script>
 *   tags; nonces would need every page rendered per request, and the lessons are static.
 *   'unsafe-eval' only with --dev (React refresh evaluates modules).
 * - style-src 'unsafe-inline': mermaid writes <style> into its SVGs, React sets style attributes.
 * - connect-src: the lab's own http(s)/ws origins under every address attendees may use (the
 *   tracker URL names the lab's public address, which need not be the one in the address bar).
 * - blob: for media, images and downloads built in the page (webtorrent's files, .torrent links).
 * - frame-ancestors 'none' (and X-Frame-Options for older browsers): no page of the lab in a frame.
 */
import type { ServerResponse } from 'node:http';

export interface SecurityHeaderOptions {
  /** The lab's origins, e.g. `http://192.168.1.5:3000` (read at each response: set once listening). */
  origins: () => string[];
  dev?: boolean;
}

export function contentSecurityPolicy(origins: string[], dev = false): string {
  const lab = origins.flatMap((o) => [o, o.replace(/^http/, 'ws')]);
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...lab, 'blob:', 'data:'],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${[...new Set(values)].join(' ')}`)
    .join('; ');
}

export function createSecurityHeaders(opts: SecurityHeaderOptions) {
  let cached: { key: string; csp: string } | null = null;
  const csp = () => {
    const origins = opts.origins();
    const key = origins.join(' ');
    if (cached?.key !== key) cached = { key, csp: contentSecurityPolicy(origins, opts.dev) };
    return cached.csp;
  };
  const headers = (): Record<string, string> => ({
    'Content-Security-Policy': csp(),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  });
  return {
    headers,
    /** Sets the headers on a response before anything else writes it. */
    apply(res: ServerResponse) {
      for (const [name, value] of Object.entries(headers())) res.setHeader(name, value);
    },
  };
}
