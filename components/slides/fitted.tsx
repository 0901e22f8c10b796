import type { ComponentType } from 'react';
import { Fit } from './Fit';

/**
 * A deck tag for a figure: the figure inside a Fit. A server module on purpose: the registry
 * calls it while rendering on the server, which a function from a client module cannot be.
 */
export function fitted<P extends object>(Figure: ComponentType<P>, name: string): ComponentType<P> {
  function Fitted(props: P) {
    return (
      <Fit>
        <Figure {...props} />
      </Fit>
    );
  }
  Fitted.displayName = `Fitted(${name})`;
  return Fitted;
}
