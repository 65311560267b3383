import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import { GraphQLError, NoSchemaIntrospectionCustomRule } from "graphql";
import { createYoga, maskError, type Plugin } from "graphql-yoga";
import helmet from "helmet";
import type { Server } from "node:http";
import { loadViewer } from "./auth/viewer.ts";
import { compiledQueries } from "./compiled-queries.ts";
import type { Context } from "./context.ts";
import type { Deps } from "./deps.ts";
import { DomainError } from "./errors.ts";
import { getSchema } from "./schema.ts";

export interface BuildAppOptions {
  /** The SvelteKit handler (adapter-node's `handler`), mounted after the API routes in one-process mode. */
  webHandler?: RequestHandler;
  /** Extra routes (e.g. OCDS open data) mounted before the web app. */
  routes?: (app: Express) => void;
}

/** Builds the HTTP app (GraphQL, health, and optionally the web app) without listening on a port. */
export function buildApp(deps: Deps, options: BuildAppOptions = {}): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");

  const yoga = createGraphqlHandler(deps);
  // SvelteKit sets its own headers and CSP for pages; helmet guards the API routes.
  const apiHeaders = helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  // express.json reads the body (with its size limit) straight into an object, which yoga takes as it
  // is: cheaper per request than yoga reading it through web streams (ADR 0014).
  app.use(
    yoga.graphqlEndpoint,
    apiHeaders,
    express.json({ limit: MAX_REQUEST_BODY_BYTES }),
    (req, res) => void yoga(req, res, { req }),
  );
  app.use(yoga.graphqlEndpoint, bodyErrorsAsGraphql);

  app.get("/healthz", apiHeaders, async (_req, res) => {
    const [database, queues] = await Promise.all([
      deps.db.sql.query("SELECT 1").then(
        () => true,
        () => false,
      ),
      deps.queues.health().catch(() => false),
    ]);
    const ok = database && queues;
    res.status(ok ? 200 : 503).json({
      status: ok ? "ok" : "degraded",
      database: { ok: database, kind: deps.db.kind },
      queues: { ok: queues, backend: deps.queues.backend },
    });
  });

  options.routes?.(app);
  if (options.webHandler) app.use(options.webHandler);
  return app;
}

/**
 * How long an idle client connection stays open. In production the API sits behind a load balancer or
 * reverse proxy that keeps its connections to the API open and sends many people's requests over each
 * (ADR 0015); Node.js closes idle ones after 5 s, and a request the proxy sends just as the API closes
 * the connection fails (a 502 for the person). So the API waits longer than proxies do (AWS's load
 * balancers: 60 s by default; nginx: 60 s).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Starts serving `app` on `port` (0: any free port) with the API's connection settings. */
export function listen(app: Express, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = host === undefined ? app.listen(port) : app.listen(port, host);
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    // Node.js requires the headers of a request on a reused connection within this; it must be longer.
    server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
    server.once("listening", () => resolve(server)).once("error", reject);
  });
}

/** The largest GraphQL request body accepted (a bid's answers are the longest input). */
const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/**
 * A body that is not JSON, or too large, answered as GraphQL errors (400 or 413) rather than express's
 * HTML error page. Nothing has run.
 */
const bodyErrorsAsGraphql: ErrorRequestHandler = (err: { status?: number; type?: string }, _req, res, next) => {
  if (err.type !== "entity.parse.failed" && err.type !== "entity.too.large") return next(err);
  const tooLarge = err.type === "entity.too.large";
  res.status(tooLarge ? 413 : 400).json({
    errors: [
      tooLarge
        ? { message: "Request body too large", extensions: { code: "REQUEST_ENTITY_TOO_LARGE" } }
        : { message: "The request body is not valid JSON", extensions: { code: "BAD_REQUEST" } },
    ],
  });
};

/**
 * Yoga's log lines through the app's logger. Yoga logs, at error level, every error that maskError
 * replaces: an unexpected one is logged with the error that caused it; an expected failure outside a
 * result union (node(id) of a sealed bid or another organisation's membership) is the caller being
 * refused, not the server failing, so it goes to debug.
 */
function yogaLogger(logger: Deps["logger"]) {
  const at =
    (level: "debug" | "info" | "warn") =>
    (first: unknown, ...rest: unknown[]) =>
      logger[level].call(logger, first as never, ...(rest as never[]));
  const error = (first: unknown, ...rest: unknown[]) => {
    const original = (first as { originalError?: unknown } | null)?.originalError;
    if (original instanceof DomainError) return at("debug")(first, ...rest);
    if (first instanceof Error) return logger.error({ err: original ?? first }, "unexpected GraphQL error");
    return logger.error.call(logger, first as never, ...(rest as never[]));
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error };
}

function createGraphqlHandler(deps: Deps) {
  const cookiesByRequest = new WeakMap<Request, string[]>();
  const production = deps.config.nodeEnv === "production";

  // Resolvers push Set-Cookie values (sign in, sign out); this copies them onto the HTTP response.
  const sessionCookies: Plugin = {
    onResponse({ request, response }) {
      for (const cookie of cookiesByRequest.get(request) ?? []) response.headers.append("set-cookie", cookie);
    },
  };
  const noIntrospectionInProduction: Plugin = {
    onValidate({ addValidationRule }) {
      if (production) addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };

  const schema = getSchema();
  return createYoga<{ req: express.Request }, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    // A JSON body arrives already read by express.json, within the same limit; this limits other bodies.
    maxRequestBodySize: MAX_REQUEST_BODY_BYTES,
    landingPage: false,
    graphiql: !production,
    logging: yogaLogger(deps.logger),
    maskedErrors: {
      // Unexpected errors reach the client as "Unexpected error." and the log in full.
      maskError(error, message, isDev) {
        // An expected failure outside a result union (e.g. node(id) on a sealed bid) keeps its message and
        // code, and is not logged as unexpected.
        const original = (error as { originalError?: unknown }).originalError;
        if (original instanceof DomainError)
          return new GraphQLError(original.message, { path: (error as GraphQLError).path, extensions: { code: original.code } });
        // Yoga logs what this replaces (see yogaLogger).
        return maskError(error, message, isDev);
      },
    },
    plugins: [
      // Limits on from the start: depth, cost, aliases, tokens, directives; no field suggestions.
      EnvelopArmorPlugin({
        maxDepth: { n: 12 },
        costLimit: { maxCost: 5000 },
        maxAliases: { n: 15 },
        maxTokens: { n: 2000 },
        maxDirectives: { n: 20 },
        blockFieldSuggestion: { enabled: production },
      }),
      noIntrospectionInProduction,
      sessionCookies,
      compiledQueries(schema),
    ],
    context: async ({ request }) => {
      const setCookies: string[] = [];
      cookiesByRequest.set(request, setCookies);
      return { deps, viewer: await loadViewer(deps, request.headers), headers: request.headers, setCookies };
    },
  });
}
