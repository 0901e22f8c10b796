/**
 * The instructor token: a random secret printed at start-up. Pages that hold it (from the
 * instructor URL's `#token=`) send it in the socket.io handshake; the hub marks those sockets
 * as the instructor's, and every control checks that mark.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s).digest();

export interface InstructorAuth {
  check(candidate: unknown): boolean;
}

export function createInstructorAuth(token: string): InstructorAuth {
  const expected = digest(token);
  return {
    // Compare digests in constant time, so neither length nor content leaks through timing.
    check: (candidate) =>
      typeof candidate === 'string' && timingSafeEqual(digest(candidate), expected),
  };
}
