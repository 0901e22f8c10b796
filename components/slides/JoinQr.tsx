'use client';

import { useLabInfo } from '@/components/projector/use-lab-info';
import { useSlideView } from './slide-view';
import styles from './Live.module.css';

/** The lab's attendee address and its QR code, big enough to scan from the back of the room. */
export function JoinQr({ label = 'Scan to join' }: { label?: string }) {
  const { mode } = useSlideView();
  return mode === 'thumbnail' ? <JoinQrStill label={label} /> : <JoinQrLive label={label} />;
}

function JoinQrLive({ label }: { label: string }) {
  const info = useLabInfo();
  return (
    <figure className={styles.join} data-testid="slide-join-qr">
      <div
        className={styles.qr}
        aria-label={info ? `QR code for ${info.attendeeUrl}` : 'QR code loading'}
        role="img"
      >
        {info ? <div dangerouslySetInnerHTML={{ __html: info.qrSvg }} /> : null}
      </div>
      <figcaption>
        <span className={styles.joinLabel}>{label}</span>
        <span className={styles.url}>
          {info ? info.attendeeUrl.replace(/^http:\/\//, '').replace(/\/$/, '') : '…'}
        </span>
      </figcaption>
    </figure>
  );
}

/** A stand-in drawn like a QR code (three finder squares), for thumbnails. */
function JoinQrStill({ label }: { label: string }) {
  const finder = (x: number, y: number) => (
    <g key={`${x},${y}`}>
      <rect x={x} y={y} width={7} height={7} className={styles.stillInk} />
      <rect x={x + 1} y={y + 1} width={5} height={5} className={styles.stillPaper} />
      <rect x={x + 2} y={y + 2} width={3} height={3} className={styles.stillInk} />
    </g>
  );
  // A fixed scatter of modules, so every thumbnail looks the same.
  const modules = Array.from({ length: 90 }, (_, i) => ({
    x: (i * 7 + (i >> 3)) % 21,
    y: (i * 11 + (i >> 2)) % 21,
  })).filter(({ x, y }) => !((x < 8 && y < 8) || (x > 12 && y < 8) || (x < 8 && y > 12)));
  return (
    <figure className={styles.join}>
      <div className={styles.qr} aria-hidden="true">
        <svg viewBox="0 0 21 21" className={styles.stillQr}>
          {modules.map(({ x, y }, i) => (
            <rect key={i} x={x} y={y} width={1} height={1} className={styles.stillInk} />
          ))}
          {[finder(0, 0), finder(14, 0), finder(0, 14)]}
        </svg>
      </div>
      <figcaption>
        <span className={styles.joinLabel}>{label}</span>
      </figcaption>
    </figure>
  );
}
