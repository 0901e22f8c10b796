import type { MDXComponents } from 'mdx/types';
import { Mermaid } from './Mermaid';
import { Note } from './Note';

/** Every tag a lesson may use. Each component lives in its own file. */
export const lessonComponents: MDXComponents = {
  Mermaid,
  Note,
};
