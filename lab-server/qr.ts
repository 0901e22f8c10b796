/**
 * QR codes as SVG for the lab's pages (/api/lab's attendee link, /api/qr for shared torrents),
 * drawn by the lab so nothing depends on an outside service.
 *
 * Why bounded: the cache kept every text it was asked for; 3,000 unique texts cost 175 MB and
 * slowed /api/health to 5 s. A small LRU keeps the few codes the class actually shows.
 */
import QRCode from 'qrcode';

/** Longest text /api/qr draws: a lab URL with an info hash is under 100 characters. */
export const MAX_QR_TEXT = 512;
export const QR_CACHE_ENTRIES = 64;

export function createQrCache(max = QR_CACHE_ENTRIES) {
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the LRU one.
  const cache = new Map<string, string>();
  return {
    async svg(text: string): Promise<string> {
      const hit = cache.get(text);
      if (hit !== undefined) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const svg = await QRCode.toString(text, {
        type: 'svg',
        margin: 1,
        errorCorrectionLevel: 'M',
      });
      cache.set(text, svg);
      while (cache.size > max) cache.delete(cache.keys().next().value!);
      return svg;
    },
    size: () => cache.size,
  };
}

/** The lab's one cache (the QR route and /api/lab share it). */
export const qrCache = createQrCache();
