import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False on the server and while the page hydrates, true once JavaScript runs: lets a component offer a
 * plain-form fallback (a "Save" button) to browsers without JavaScript and drop it for everyone else.
 */
export function useHydrated() {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
