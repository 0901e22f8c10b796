import type { MDXComponents } from 'mdx/types';
import { lessonComponents } from '@/components/lesson/registry';

// Next's @next/mdx hook: the one place MDX tags map to components.
export function useMDXComponents(components: MDXComponents): MDXComponents {
  return { ...lessonComponents, ...components };
}
