import { type RefCallback, useCallback, useState } from 'react';

/**
 * The rendered width of an element in CSS pixels, kept up to date as it resizes (rotation,
 * zoom, a wider window), for drawings laid out in real pixels so their text never shrinks.
 * 0 until the element is in the page.
 */
export function useElementWidth<T extends HTMLElement>(): [RefCallback<T>, number] {
  const [width, setWidth] = useState(0);
  const ref = useCallback<RefCallback<T>>((element) => {
    if (!element) return;
    const measure = () => setWidth(Math.floor(element.getBoundingClientRect().width));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
