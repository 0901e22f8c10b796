import { Children, isValidElement, type ReactNode } from 'react';

/**
 * The anchor id of a heading. The search index (content/search-index.ts) computes it from the
 * MDX source and the page from the rendered children, so both must agree: keep this the one
 * place that decides.
 */
export function headingId(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .replace(/[\s-]+/g, '-');
}

/** The plain text of rendered MDX children (strings, inline code, emphasis…). */
export function textOf(node: ReactNode): string {
  let out = '';
  Children.forEach(node, (child) => {
    if (typeof child === 'string' || typeof child === 'number') out += String(child);
    else if (isValidElement<{ children?: ReactNode }>(child)) out += textOf(child.props.children);
  });
  return out;
}
