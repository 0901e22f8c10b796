import { useEffect, useEffectEvent } from 'react';

/** Calls onTick every `ms` while `active`: the step-by-step diagrams' play button. */
export function useInterval(active: boolean, ms: number, onTick: () => void) {
  const tick = useEffectEvent(onTick);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => tick(), ms);
    return () => clearInterval(id);
  }, [active, ms]);
}
