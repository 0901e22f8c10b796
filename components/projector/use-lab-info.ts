'use client';

import { useEffect, useState } from 'react';

export interface LabInfoView {
  version: string;
  attendeeUrl: string;
  attendeeUrls: string[];
  qrSvg: string;
  trackers: { http: string; udp: string; ws: string };
  torrent: {
    infoHash: string;
    name: string;
    magnet: string;
    length: number;
    pieceCount: number;
  } | null;
}

/** The lab's URLs and QR code, which only the running server knows. */
export function useLabInfo(): LabInfoView | null {
  const [info, setInfo] = useState<LabInfoView | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetch('/api/lab', { cache: 'no-store' })
      .then((r) => (r.ok ? r.json() : null))
      .then((data: LabInfoView | null) => {
        if (!cancelled) setInfo(data);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, []);
  return info;
}
