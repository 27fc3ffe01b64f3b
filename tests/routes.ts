import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { testContext } from "./factories";

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

export interface RouteResult {
  status: number;
  location: string | null;
  data: unknown;
}

/**
 * Calls a route's loader or action the way Remix does and reports what the browser would get:
 * a thrown or returned Response gives its status, plain data gives 200.
 */
export async function callRoute(
  handler: Handler | undefined,
  input: {
    path: string;
    params?: Record<string, string>;
    cookie?: string;
    method?: string;
    form?: Record<string, string>;
    headers?: Record<string, string>;
  },
): Promise<RouteResult> {
  if (!handler) throw new Error(`No handler for ${input.method ?? "GET"} ${input.path}`);
  const headers = new Headers(input.headers);
  if (input.cookie) headers.set("Cookie", input.cookie);
  const init: RequestInit = { method: input.method ?? "GET", headers };
  if (input.form) init.body = new URLSearchParams(input.form);
  const request = new Request(`http://localhost${input.path}`, init);
  try {
    const result = await handler({ request, params: input.params ?? {}, context: testContext() });
    if (result instanceof Response) return fromResponse(result, null);
    return { status: 200, location: null, data: result };
  } catch (thrown) {
    if (thrown instanceof Response) return fromResponse(thrown, null);
    throw thrown;
  }
}

function fromResponse(response: Response, data: unknown): RouteResult {
  return { status: response.status, location: response.headers.get("Location"), data };
}
