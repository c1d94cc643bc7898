import { useEffect } from 'react';

/** Names the browser tab while the page is shown (many control-room tabs stay open side by side). */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);
}
