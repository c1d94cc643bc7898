import { useEffect } from 'react';

/** While `armed`, leaving or closing the page asks first (the browser shows its own question). */
export function useLeaveWarning(armed: boolean): void {
  useEffect(() => {
    if (!armed) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need a returnValue to show the question.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [armed]);
}
