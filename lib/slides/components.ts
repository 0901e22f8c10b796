/**
 * The tags a deck may use. components/slides/registry.tsx maps each to its component; the deck
 * content test (tests/unit/slides-decks.test.ts) fails on any other capitalised tag in a deck.
 */
export const DECK_COMPONENTS = [
  'Step',
  'Steps',
  'Columns',
  'Column',
  'Big',
  'Note',
  'Mermaid',
  'LiveSwarm',
  'JoinQr',
  'PieceExchange',
  'SwarmScaling',
  'HandshakeSequence',
  'ChokingTimeline',
  'DhtLookup',
] as const;

export type DeckComponentName = (typeof DECK_COMPONENTS)[number];
