'use client';

import { useEffect, useState } from 'react';
import { connectLab } from '@/lib/browser/lab-connection';
import type { WireCaptureView } from '@/lib/wire-encryption';

/** The first bytes of the seeder's latest TCP/uTP connections, live (`wires:watch`). */
export function useWires(): { view: WireCaptureView | null; connected: boolean } {
  const [view, setView] = useState<WireCaptureView | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const link = connectLab();
    link.onConnect(() => {
      setConnected(true);
      link.socket.emit('wires:watch', setView);
    });
    link.on('wires:state', setView);
    link.onDisconnect(() => setConnected(false));
    return () => link.close();
  }, []);
  return { view, connected };
}
