/**
 * The socket.io protocol between pages and the lab, one file per feature: typed event maps for
 * both sides, and zod schemas for everything a client sends (a bad client never reaches the
 * model). Adding an event: its schema and signature go in that feature's file; the maps below
 * pick it up.
 */
import type { ConnectivityClientEvents, ConnectivityServerEvents } from './connectivity';
import type { ExperimentsClientEvents, ExperimentsServerEvents } from './experiments';
import type { PrivacyClientEvents } from './privacy';
import type { ShareClientEvents, ShareServerEvents } from './share';
import type { SlidesClientEvents, SlidesServerEvents } from './slides';
import type { TelemetryClientEvents, TelemetryServerEvents } from './telemetry';
import type { WiresClientEvents, WiresServerEvents } from './wires';

export * from './common';
export * from './connectivity';
export * from './experiments';
export * from './privacy';
export * from './share';
export * from './slides';
export * from './telemetry';
export * from './wires';

export interface ClientToServerEvents
  extends
    TelemetryClientEvents,
    SlidesClientEvents,
    ShareClientEvents,
    PrivacyClientEvents,
    ExperimentsClientEvents,
    ConnectivityClientEvents,
    WiresClientEvents {}

export interface ServerToClientEvents
  extends
    TelemetryServerEvents,
    SlidesServerEvents,
    ShareServerEvents,
    ExperimentsServerEvents,
    ConnectivityServerEvents,
    WiresServerEvents {}
