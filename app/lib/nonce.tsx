import { createContext, useContext } from "react";

const NonceContext = createContext<string | undefined>(undefined);

/** The per-request CSP nonce, for the few inline scripts React and Remix render. */
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
