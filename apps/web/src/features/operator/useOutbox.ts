import { useEffect, useState, useSyncExternalStore } from 'react';
import { Outbox } from './outbox';
import { outboxKey } from './session';

/** The point's outbox for this page: started while mounted, its queue shared with other tabs. */
export function useOutbox(joinCode: string) {
  const [outbox] = useState(() => new Outbox(outboxKey(joinCode)));
  useEffect(() => {
    outbox.start();
    return () => outbox.stop();
  }, [outbox]);
  const snapshot = useSyncExternalStore(outbox.subscribe, outbox.getSnapshot);
  return { outbox, snapshot };
}
