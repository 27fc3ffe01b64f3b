import en from "./en";

/** The languages beside Swedish that the server always holds (the browser loads them on demand). */
export const serverLocales = { en };
