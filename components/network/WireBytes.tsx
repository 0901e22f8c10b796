import {
  hexToBytes,
  printable,
  readWireBytes,
  type FieldKind,
  type WireReading,
} from '@/lib/wire-encryption';
import styles from './Network.module.css';

const ROW = 8;

const FIELD_NAMES: Record<FieldKind, string> = {
  length: 'length 19',
  protocol: '"BitTorrent protocol"',
  reserved: 'reserved bits',
  infohash: 'info hash',
  peerid: 'peer id',
};

/** One direction of a connection as a hex dump: offset, bytes, text, the handshake's fields marked. */
export function WireBytes({
  title,
  hex,
  infoHash,
}: {
  title: string;
  hex: string;
  infoHash: string | null;
}) {
  const bytes = hexToBytes(hex);
  const reading = readWireBytes(bytes, infoHash);
  const kindAt = (i: number): FieldKind | null => {
    const f = reading.fields.find((f) => i >= f.start && i < f.end);
    if (f) return f.kind;
    if (reading.infoHashAt >= 0 && i >= reading.infoHashAt && i < reading.infoHashAt + 20)
      return 'infohash';
    return null;
  };
  const rows: number[] = [];
  for (let at = 0; at < bytes.length; at += ROW) rows.push(at);
  return (
    <figure className={styles.dump} data-testid="wire-bytes" data-readable={verdict(reading)}>
      <figcaption>
        <strong>{title}</strong>{' '}
        <span className={styles.count}>
          {bytes.length === 0 ? 'nothing yet' : `first ${bytes.length} bytes`}
        </span>
      </figcaption>
      {bytes.length ? (
        <div className={styles.rows} role="img" aria-label={describe(reading, bytes.length)}>
          {rows.map((at) => (
            <div className={styles.row} key={at} aria-hidden="true">
              <span className={styles.offset}>{at.toString(16).padStart(3, '0')}</span>
              <span className={styles.hex}>
                {[...bytes.subarray(at, at + ROW)].map((b, j) => (
                  <span key={j} className={mark(kindAt(at + j))}>
                    {b.toString(16).padStart(2, '0')}
                  </span>
                ))}
              </span>
              <span className={styles.text}>
                {[...bytes.subarray(at, at + ROW)].map((b, j) => (
                  <span key={j} className={mark(kindAt(at + j))}>
                    {printable(b)}
                  </span>
                ))}
              </span>
            </div>
          ))}
        </div>
      ) : null}
      <p className={styles.reads} data-testid="wire-reads">
        {summary(reading, bytes.length)}
      </p>
    </figure>
  );
}

function mark(kind: FieldKind | null): string | undefined {
  return kind ? styles[kind] : undefined;
}

function verdict(r: WireReading): 'handshake' | 'signature' | 'none' {
  if (r.plaintextHandshake) return 'handshake';
  return r.protocolAt >= 0 || r.infoHashAt >= 0 ? 'signature' : 'none';
}

/** What an eavesdropper learns from these bytes, in a line. */
function summary(r: WireReading, length: number): string {
  if (length === 0) return '';
  if (r.protocolAt >= 0) {
    const parts = ['"BitTorrent protocol" in clear'];
    const hash = r.infoHash ?? null;
    if (hash) parts.push(`the torrent: info hash ${hash.slice(0, 12)}…`);
    if (r.peerId) parts.push('the peer id');
    return `Readable: ${parts.join(', ')}.`;
  }
  if (r.infoHashAt >= 0) return 'Readable: the info hash in clear.';
  return length >= 96
    ? `No signature: ${r.distinct} different byte values in ${length}, as random data has (a Diffie-Hellman key, padding, RC4).`
    : 'No signature yet.';
}

function describe(r: WireReading, length: number): string {
  const fields = r.fields.map((f) => `${FIELD_NAMES[f.kind]} at byte ${f.start}`).join(', ');
  return `${length} bytes. ${fields ? `Fields in clear: ${fields}.` : summary(r, length)}`;
}
