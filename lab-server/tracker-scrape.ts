/**
 * HTTP scrape replies (BEP 48), answered by the lab rather than the stock server.
 *
 * Why: the stock reply keys `files` by the info hash as a JavaScript "binary string", and its
 * bencoder writes keys as UTF-8, so every byte above 0x7f became two (28 bytes instead of 20):
 * no client could match a key to its torrent. Here keys are the 20 raw bytes, sorted bytewise as
 * bencoding requires. Counts are per peer id (LabTracker.counts), so a peer announcing over two
 * transports is one peer.
 */
export interface ScrapeEntry {
  infoHash: string;
  complete: number;
  incomplete: number;
}

const str = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length}:`), b]);
const text = (s: string) => str(Buffer.from(s));
const int = (n: number) => Buffer.from(`i${Math.trunc(n)}e`);

export function encodeScrape(entries: ScrapeEntry[], intervalSeconds: number): Buffer {
  const files = entries
    .map((e) => ({ key: Buffer.from(e.infoHash, 'hex'), e }))
    .sort((a, b) => Buffer.compare(a.key, b.key));
  const parts: Buffer[] = [Buffer.from('d'), text('files'), Buffer.from('d')];
  for (const { key, e } of files) {
    parts.push(str(key), Buffer.from('d'));
    parts.push(text('complete'), int(e.complete));
    // No history is kept: completed downloads are at least the seeders seen now.
    parts.push(text('downloaded'), int(e.complete));
    parts.push(text('incomplete'), int(e.incomplete), Buffer.from('e'));
  }
  parts.push(Buffer.from('e'), text('flags'), Buffer.from('d'));
  parts.push(text('min_request_interval'), int(intervalSeconds), Buffer.from('ee'));
  return Buffer.concat(parts);
}

export const encodeFailure = (reason: string): Buffer =>
  Buffer.concat([Buffer.from('d'), text('failure reason'), text(reason), Buffer.from('e')]);
