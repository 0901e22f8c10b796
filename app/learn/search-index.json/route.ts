import { buildSearchIndex } from '@/content/search-index';

// Built once, at build time, from the MDX sources; served as a static file afterwards.
export const dynamic = 'force-static';

export function GET() {
  return Response.json(buildSearchIndex());
}
