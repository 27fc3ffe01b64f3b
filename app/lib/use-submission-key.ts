import { useActionData, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/**
 * The submission key of one create form: the value of its hidden `submissionKey` input, and its React `key`.
 *
 * The loader issues a fresh key on every load, and Remix reloads the loader after every action or fetcher on the page.
 * Taken straight from the loader, the key would change under a form being filled in (a resend after that would make a
 * second row), and a form keyed by it would be emptied. So the form keeps the key it was first given, and takes the
 * loader's newest one only when its own submission has gone through (the action redirected: there is no action data);
 * as the form's `key`, the new one then remounts it empty (and closed) for the next entry. A refused submission keeps
 * the key and what was typed. `intent` tells this form's submissions from other forms' on the same page.
 */
export function useSubmissionKey(fresh: string, intent?: string) {
  const [key, setKey] = useState(fresh);
  const navigation = useNavigation();
  const actionData = useActionData();
  const sent = navigation.formData;
  const sending = sent?.get("submissionKey") === key && (intent === undefined || sent.get("intent") === intent);
  const submitted = useRef(false);
  useEffect(() => {
    if (sending) submitted.current = true;
    else if (submitted.current && navigation.state === "idle") {
      submitted.current = false;
      if (actionData === undefined) setKey(fresh);
    }
  }, [sending, navigation.state, actionData, fresh]);
  return key;
}

/**
 * A fetcher's answer while it is news. Remix keeps `fetcher.data` after a later send of the page's forms redirects (a
 * success loads the page again at a new location), so an old refusal would stay under a form that has since been
 * saved, or beside another form's success. An answer belongs to the location it arrived at.
 */
export function useFetcherAnswer(data: unknown) {
  const location = useLocation();
  const got = useRef<{ data: unknown; at: string }>();
  if (!got.current || got.current.data !== data) got.current = { data, at: location.key };
  return got.current.at === location.key ? data : undefined;
}

/**
 * useSubmissionKey for a create form sent through a fetcher, with the fetcher's answer to this form (useFetcherAnswer).
 * A send is saved when the fetcher ends with the data it had before it (a refusal or a failure note is a new object);
 * then the form takes the loader's newest key, remounting it empty.
 */
export function useFetcherSubmission(fresh: string, fetcher: { state: string; formData?: FormData; data?: unknown }) {
  const [key, setKey] = useState(fresh);
  const sending = fetcher.formData?.get("submissionKey") === key;
  const before = useRef<{ data: unknown } | null>(null);
  useEffect(() => {
    if (sending) before.current ??= { data: fetcher.data };
    else if (before.current && fetcher.state === "idle") {
      const saved = fetcher.data === before.current.data;
      before.current = null;
      if (saved) setKey(fresh);
    }
  }, [sending, fetcher.state, fetcher.data, fresh]);
  return { key, answer: useFetcherAnswer(fetcher.data) };
}
