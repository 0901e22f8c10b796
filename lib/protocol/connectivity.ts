/**
 * Connectivity (lib/connectivity.ts, lab-server/connectivity-hub.ts): each page reports how its
 * wires connected (ICE candidate types); the lab sums the class up in words for every page.
 */
import type { ConnectivityReport, ConnectivitySummary } from '../connectivity';

/** The class's connectivity as the pages show it. */
export interface ConnectivityView extends ConnectivitySummary {
  headline: string;
  advice: string;
  /** Desktop clients by peer id: did the lab's dial to their announced port get through? */
  desktop: Record<string, { connectable: boolean; reason: string }>;
}

export interface ConnectivityClientEvents {
  'peer:connectivity': (msg: ConnectivityReport) => void;
  'connectivity:watch': (ack: (view: ConnectivityView) => void) => void;
}

export interface ConnectivityServerEvents {
  'connectivity:state': (view: ConnectivityView) => void;
}
