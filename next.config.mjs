import createMDX from '@next/mdx';

/** @type {import('next').NextConfig} */
const nextConfig = {
  pageExtensions: ['ts', 'tsx', 'md', 'mdx'],
  // The lab is served by our own Node process (lab-server/), never by `next start`.
  poweredByHeader: false,
  reactStrictMode: true,
  // Offline by design: no telemetry, no remote images.
  images: { unoptimized: true },
  // `tsc --noEmit` is its own gate in `npm test` and covers the whole project (tests, lab
  // server); `npm start` must not refuse to run the lab over a type error in a test file.
  typescript: { ignoreBuildErrors: true },
};

// Turbopack wants plugins named as strings (see shared/DESIGN.md).
const withMDX = createMDX({
  options: {
    remarkPlugins: ['remark-gfm'],
  },
});

export default withMDX(nextConfig);
