import type { MDXComponents } from 'mdx/types';
import { Challenge } from './Challenge';
import { Challenges } from './Challenges';
import { Choice } from './Choice';
import {
  ChokingTimeline,
  DhtLookup,
  HandshakeSequence,
  PieceExchange,
  SwarmScaling,
  WhoSeesWhat,
} from './diagrams';
import { HandsOn } from './HandsOn';
import { headingComponents } from './Heading';
import { Intro } from './Intro';
import { LessonTable } from './LessonTable';
import { LessonLink } from './LessonLink';
import { Mermaid } from './Mermaid';
import { Note } from './Note';
import { Question } from './Question';
import { Quiz } from './Quiz';
import { Recap } from './Recap';
import { Solution } from './Solution';
import { YouWillLearn } from './YouWillLearn';

/**
 * Every tag a lesson may use. Each component lives in its own file; the interactive diagrams
 * from @/components/diagrams come through ./diagrams, which loads each one lazily.
 */
export const lessonComponents: MDXComponents = {
  ...headingComponents(0),
  a: LessonLink,
  table: LessonTable,
  Intro,
  YouWillLearn,
  HandsOn,
  Note,
  Mermaid,
  Quiz,
  Question,
  Choice,
  Challenges,
  Challenge,
  Solution,
  Recap,
  PieceExchange,
  SwarmScaling,
  HandshakeSequence,
  ChokingTimeline,
  DhtLookup,
  WhoSeesWhat,
};
