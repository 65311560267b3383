import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import express, { type Express, type RequestHandler } from "express";
import { GraphQLError, NoSchemaIntrospectionCustomRule } from "graphql";
import { createYoga, maskError, type Plugin } from "graphql-yoga";
import helmet from "helmet";
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
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

/**
 * Builds the HTTP handler (GraphQL, health, and optionally the web app) without listening on a port.
 * GraphQL requests go straight to their handler (graphqlEndpoint); everything else goes through express.
 */
export function buildApp(deps: Deps, options: BuildAppOptions = {}): RequestListener {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");

  // SvelteKit sets its own headers and CSP for pages; helmet guards the API routes.
  const apiHeaders = helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  const graphql = graphqlEndpoint(deps, apiHeaders);

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
  return (req, res) => (isGraphqlPath(req.url) ? graphql(req, res) : app(req, res));
}

/** The GraphQL endpoint's path, with or without a query string (GET requests carry the query there). */
const GRAPHQL_PATH = "/graphql";

function isGraphqlPath(url: string | undefined): boolean {
  return (
    url !== undefined && url.startsWith(GRAPHQL_PATH) && (url.length === GRAPHQL_PATH.length || url[GRAPHQL_PATH.length] === "?")
  );
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * The GraphQL endpoint as a plain Node.js handler: helmet's headers, then a JSON body read by
 * express.json (with its size limit) straight into an object, which yoga takes as it is (cheaper per
 * request than yoga reading it through web streams, ADR 0014), then yoga. It does not go through
 * express, whose handling of a request (its prototypes set on the request and response, its routes
 * walked) cost the API about 0.3 ms of CPU a request (ADR 0018).
 */
function graphqlEndpoint(deps: Deps, apiHeaders: Middleware): RequestListener {
  const yoga = createGraphqlHandler(deps);
  const readJsonBody: Middleware = express.json({ limit: MAX_REQUEST_BODY_BYTES });
  return (req, res) =>
    apiHeaders(req, res, () => readJsonBody(req, res, (err) => (err ? answerBodyError(err, res) : void yoga(req, res, { req }))));
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
export function listen(app: RequestListener, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    if (host === undefined) server.listen(port);
    else server.listen(port, host);
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    // Node.js requires the headers of a request on a reused connection within this; it must be longer.
    server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
    server.once("listening", () => resolve(server)).once("error", reject);
  });
}

/** The largest GraphQL request body accepted (a bid's answers are the longest input). */
const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/**
 * A body that could not be read (not JSON, too large, an unknown charset or encoding) answered as a
 * GraphQL error with the status express.json gave it (400, 413, 415) rather than an HTML error page.
 * Nothing has run.
 */
function answerBodyError(err: unknown, res: ServerResponse): void {
  const { status, type } = err as { status?: number; type?: string };
  const [message, code] =
    type === "entity.too.large"
      ? ["Request body too large", "REQUEST_ENTITY_TOO_LARGE"]
      : type === "entity.parse.failed"
        ? ["The request body is not valid JSON", "BAD_REQUEST"]
        : ["The request body could not be read", "BAD_REQUEST"];
  res.statusCode = status !== undefined && status >= 400 && status < 500 ? status : 400;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

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
  return createYoga<{ req: IncomingMessage }, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
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
