import { useEffect, useState } from 'react';

/** `value`, but only after it stopped changing for `delayMs`; keeps typing responsive while queries run. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
