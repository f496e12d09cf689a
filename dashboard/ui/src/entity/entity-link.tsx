import type { ReactNode } from 'react';
import { hrefOf } from '../router.js';

/** A link to the entity page of a contact key (`tel:+374...`, `employer:...`). */
export function EntityLink({ entityKey, children }: { entityKey: string; children: ReactNode }) {
  return (
    <a className="entity-link" href={hrefOf({ name: 'entity', key: entityKey })}>
      {children}
    </a>
  );
}
