import type { ReactNode } from 'react';
import { FollowInstructor } from '@/components/slides/FollowInstructor';

export default function LearnLayout({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <FollowInstructor />
    </>
  );
}
