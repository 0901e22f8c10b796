import type { MDXComponents } from 'mdx/types';
import {
  ChokingTimeline,
  DhtLookup,
  HandshakeSequence,
  PieceExchange,
  SwarmScaling,
} from '@/components/diagrams';
import { Mermaid } from '@/components/lesson/Mermaid';
import { Note } from '@/components/lesson/Note';
import type { DeckComponentName } from '@/lib/slides/components';
import { Big, Column, Columns } from './Columns';
import { fitted } from './fitted';
import { JoinQr } from './JoinQr';
import { LiveSwarm } from './LiveSwarm';
import { Step } from './Step';
import { Steps } from './Steps';

/**
 * Every tag a deck may use (the names are listed in lib/slides/components.ts, which the deck
 * content test checks against). Each component lives in its own file.
 */
export const deckComponents: Record<DeckComponentName, MDXComponents[string]> = {
  Step,
  Steps,
  Columns,
  Column,
  Big,
  Note,
  LiveSwarm,
  JoinQr,
  // Figures take the height the slide has left, and shrink to fit it.
  Mermaid: fitted(Mermaid, 'Mermaid'),
  PieceExchange: fitted(PieceExchange, 'PieceExchange'),
  SwarmScaling: fitted(SwarmScaling, 'SwarmScaling'),
  HandshakeSequence: fitted(HandshakeSequence, 'HandshakeSequence'),
  ChokingTimeline: fitted(ChokingTimeline, 'ChokingTimeline'),
  DhtLookup: fitted(DhtLookup, 'DhtLookup'),
};
