import { createContext, useContext } from "react";

/**
 * The per-request nonce of the Content-Security-Policy (entry.server.tsx): the only scripts a page runs are the
 * ones that carry it. In the browser it is empty (browsers hide nonces from the page on purpose).
 */
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
