import { useEffect, useRef, useState } from 'react';

/**
 * Fill the screen with one element (for the projector). `fullscreen` follows the browser, so
 * leaving with Escape is noticed too; attach `container` to the element to show.
 */
export function useFullscreen<T extends HTMLElement = HTMLDivElement>() {
  const container = useRef<T>(null);
  const [fullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void container.current?.requestFullscreen().catch(() => undefined);
  };

  return { container, fullscreen, toggleFullscreen };
}
