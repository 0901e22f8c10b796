import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site/SiteHeader';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'SwarmLab', template: '%s · SwarmLab' },
  description: 'How BitTorrent works, learned in a live classroom swarm.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SiteHeader />
        {children}
      </body>
    </html>
  );
}
