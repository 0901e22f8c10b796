/**
 * The instructor token travels in the URL fragment (`/instructor#token=…`), which browsers never
 * send to a server or log. It is kept in sessionStorage so the instructor's other tabs in the
 * same session (projector, presenter view) can act too.
 */
const KEY = 'swarmlab:instructor-token';

export function readInstructorToken(): string | null {
  if (typeof window === 'undefined') return null;
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    window.sessionStorage.setItem(KEY, fromHash);
    return fromHash;
  }
  return window.sessionStorage.getItem(KEY);
}
