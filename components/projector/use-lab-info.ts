'use client';

import { useEffect, useState } from 'react';
import type { LabInfoWithQr } from '@/lib/lab-info';

export type LabInfoView = LabInfoWithQr;

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
