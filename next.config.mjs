import createMDX from '@next/mdx';

/** @type {import('next').NextConfig} */
const nextConfig = {
  pageExtensions: ['ts', 'tsx', 'md', 'mdx'],
  // The lab is served by our own Node process (lab-server/), never by `next start`.
  poweredByHeader: false,
  reactStrictMode: true,
  // Offline by design: no telemetry, no remote images.
  images: { unoptimized: true },
  // Lint and typecheck run as their own gates in `npm test`.
  typescript: { ignoreBuildErrors: false },
};

// Turbopack wants plugins named as strings (see shared/DESIGN.md).
const withMDX = createMDX({
  options: {
    remarkPlugins: ['remark-gfm'],
  },
});

export default withMDX(nextConfig);
