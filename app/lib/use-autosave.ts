import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type RefObject } from "react";

/** What the page's action answers an autosave: when it saved, or that the draft was sent meanwhile (another tab). */
export type AutosaveAnswer = { autosaved: string } | { sent: { id: string; reference: string } };

/**
 * Saves a draft form four seconds after the last keystroke, posting it with `intent=autosave` to the page's own action
 * through a fetcher, so typing is never interrupted. Returns when it last saved, and the report if it was sent.
 */
export function useAutosave(form: RefObject<HTMLFormElement>) {
  const fetcher = useFetcher<AutosaveAnswer | object>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [savedAt, setSavedAt] = useState<string | null>(null);
  useEffect(() => {
    const element = form.current;
    if (!element) return;
    const onInput = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const data = new FormData(element);
        data.set("intent", "autosave");
        fetcher.submit(data, { method: "post" });
      }, 4_000);
    };
    element.addEventListener("input", onInput);
    return () => {
      element.removeEventListener("input", onInput);
      clearTimeout(timer.current);
    };
    // fetcher.submit is stable for the life of the fetcher: listing it does not restart the timer.
  }, [form, fetcher.submit]);
  useEffect(() => {
    if (fetcher.data && "autosaved" in fetcher.data) setSavedAt(fetcher.data.autosaved);
  }, [fetcher.data]);
  const sent = fetcher.data && "sent" in fetcher.data ? fetcher.data.sent : null;
  return { savedAt, sent };
}
