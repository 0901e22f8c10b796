import { useEffect, useEffectEvent } from 'react';

/**
 * Calls onFrame(now, dtMs) on every animation frame while `active`. The caller folds in
 * visibility (useInView) and play state; a hidden tab gets no frames from the browser anyway.
 * A long gap (a background tab, a breakpoint) counts as one ordinary frame, not a jump.
 */
export function useAnimationLoop(active: boolean, onFrame: (now: number, dtMs: number) => void) {
  const frame = useEffectEvent(onFrame);
  useEffect(() => {
    if (!active) return;
    let id = 0;
    let last = -1;
    const tick = (now: number) => {
      const dt = last < 0 ? 16.7 : Math.min(now - last, 100);
      last = now;
      frame(now, dt);
      id = requestAnimationFrame(tick);
    };
    id = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(id);
  }, [active]);
}
