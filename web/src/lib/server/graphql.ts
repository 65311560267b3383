// The one GraphQL client for server `load` functions and form actions. Documents are typed by gql.tada
// from api/schema.graphql (see src/lib/generated/graphql-env.d.ts, made by `pnpm gql:types`), so a
// query that does not match the schema fails `pnpm typecheck`, and results need no hand-written types.
//
//   const SignIn = graphql(`mutation SignIn($input: SignInInput!) { signIn(input: $input) { ... } }`, [ErrorFields]);
//   const { signIn } = await execute(event, SignIn, { input });
//
// The browser's cookie goes with every request and any Set-Cookie that comes back (sign in, sign out)
// is passed on to the browser, so the API's session is the web app's session.
import { print } from "@0no-co/graphql.web";
import { initGraphQLTada, type ResultOf, type TadaDocumentNode, type VariablesOf } from "gql.tada";
import { parse as parseSetCookie } from "set-cookie-parser";
import type { RequestEvent } from "@sveltejs/kit";
import { env } from "$env/dynamic/private";
import type { introspection } from "$lib/generated/graphql-env";

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; Pence: number };
  // Fragments (like ErrorFields) spread their fields straight into the result type.
  disableMasking: true;
}>();

export type { ResultOf, VariablesOf };

/** The fields every mutation asks for on its errors, so `formFailure` can show them. */
export const ErrorFields = graphql(`
  fragment ErrorFields on Error {
    __typename
    message
    code
    ... on ValidationError {
      issues {
        path
        message
      }
    }
  }
`);

/** A GraphQL-level failure (not an expected error member of a result union): a bug or an outage. */
export class GraphqlRequestError extends Error {
  override name = "GraphqlRequestError";
}

type Event = Pick<RequestEvent, "url" | "cookies" | "request" | "getClientAddress">;

// Documents without variables take none; documents with variables must be given them.
type VariablesArgs<Variables> = Variables extends { [key: string]: never } ? [variables?: Variables] : [variables: Variables];

const printed = new WeakMap<object, string>();

/** Runs a query or mutation against the API as the browser that made `event`'s request. */
export async function execute<Result, Variables>(
  event: Event,
  document: TadaDocumentNode<Result, Variables>,
  ...[variables]: VariablesArgs<Variables>
): Promise<Result> {
  let query = printed.get(document);
  if (!query) {
    query = print(document);
    printed.set(document, query);
  }

  let response: Response;
  try {
    response = await fetch(apiEndpoint(event), {
      method: "POST",
      headers: requestHeaders(event),
      body: JSON.stringify({ query, variables: variables ?? {} }),
    });
  } catch (cause) {
    throw new GraphqlRequestError(`The API at ${apiEndpoint(event)} could not be reached`, { cause });
  }

  passOnCookies(event, response);

  const body = (await response.json().catch(() => null)) as {
    data?: Result | null;
    errors?: { message: string }[];
  } | null;
  if (!body || body.errors?.length || !body.data) {
    const messages = body?.errors?.map((e) => e.message).join("; ") ?? `HTTP ${response.status}`;
    throw new GraphqlRequestError(`GraphQL request failed: ${messages}`);
  }
  return body.data;
}

function apiEndpoint(event: Event): string {
  // One-process mode serves the API on the web app's own origin; `vite dev` points API_URL at the API.
  return new URL("/graphql", env.API_URL || event.url.origin).href;
}

function requestHeaders(event: Event): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/graphql-response+json, application/json",
  };
  // Cookies set earlier in this same request (e.g. just after signing in) win over the browser's.
  const cookie = event.cookies
    .getAll({ decode: (value) => value })
    .filter((c) => c.value !== "")
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
  if (cookie) headers.cookie = cookie;
  const userAgent = event.request.headers.get("user-agent");
  if (userAgent) headers["user-agent"] = userAgent;
  try {
    headers["x-forwarded-for"] = event.getClientAddress();
  } catch {
    // Not every adapter knows the client address; the API then sees this server's.
  }
  return headers;
}

function passOnCookies(event: Event, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const cookie = parseSetCookie(line, { decodeValues: false })[0];
    if (!cookie) continue;
    const sameSite = cookie.sameSite?.toLowerCase();
    event.cookies.set(cookie.name, cookie.value, {
      path: cookie.path ?? "/",
      domain: cookie.domain,
      expires: cookie.expires,
      maxAge: cookie.maxAge,
      httpOnly: cookie.httpOnly ?? false,
      // Say it explicitly: SvelteKit would otherwise mark every cookie Secure except on http://localhost.
      secure: cookie.secure ?? false,
      sameSite: sameSite === "strict" || sameSite === "none" || sameSite === "lax" ? sameSite : "lax",
      // The API already encoded the value; pass it on byte for byte.
      encode: (value) => value,
    });
  }
}
