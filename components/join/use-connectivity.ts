'use client';

import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ConnectivityView, ServerToClientEvents } from '@/lib/protocol';

/** The lab's connectivity summary (lab-server/connectivity-hub.ts), live; null until it answers. */
export function useConnectivity(): ConnectivityView | null {
  const [view, setView] = useState<ConnectivityView | null>(null);
  useEffect(() => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      transports: ['websocket', 'polling'],
    });
    socket.on('connect', () => socket.emit('connectivity:watch', setView));
    socket.on('connectivity:state', setView);
    return () => {
      socket.disconnect();
    };
  }, []);
  return view;
}
