/**
 * The lesson skeleton, as data: the tags every lesson must use (checked by
 * tests/unit/content-lessons.test.ts) and the interactive diagrams, of which every lesson shows
 * at least one. Kept apart from registry.tsx so Node tests can read it without React or CSS.
 */
export const REQUIRED_PARTS = [
  'Intro',
  'YouWillLearn',
  'Mermaid',
  'Challenges',
  'Quiz',
  'Recap',
] as const;

export const DIAGRAMS = [
  'PieceExchange',
  'SwarmScaling',
  'HandshakeSequence',
  'ChokingTimeline',
  'DhtLookup',
  'WhoSeesWhat',
] as const;

/** Every tag a lesson may use; each is a key of `lessonComponents` in registry.tsx. */
export const ALLOWED_TAGS = [
  ...REQUIRED_PARTS,
  ...DIAGRAMS,
  'HandsOn',
  'Note',
  'Question',
  'Choice',
  'Challenge',
  'Solution',
] as const;
