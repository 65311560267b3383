import { createServer, type AddressInfo } from "node:net";
import type { Server } from "node:http";
import { inject } from "vitest";
import { buildApp, closeDeps, createDeps, listen, loadConfig, type Deps } from "@ccm/api";

export interface TestApp {
  deps: Deps;
  url: string;
  /** Every line the app logged, when started with `{ captureLogs: true }` (then nothing goes to stdout). */
  logs: string[];
  /** A new GraphQL client with its own cookie jar (one per simulated person). */
  client(): GraphqlClient;
  close(): Promise<void>;
}

/** The real app on the run's PostgreSQL and Redis, listening on a free port. */
export async function startTestApp(env: Record<string, string> = {}, options: { captureLogs?: boolean } = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: inject("databaseUrl"),
    REDIS_URL: inject("redisUrl"),
    QUEUE_PREFIX: inject("queuePrefix"),
    PORT: "0",
    ...env,
  });
  const logs: string[] = [];
  const deps = await createDeps(
    config,
    options.captureLogs ? { logDestination: { write: (line: string) => logs.push(line) } } : {},
  );
  const server: Server = await listen(buildApp(deps), 0, "127.0.0.1");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    deps,
    url,
    logs,
    client: () => new GraphqlClient(url),
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await closeDeps(deps);
    },
  };
}

export interface GraphqlResponse<T> {
  status: number;
  data: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Speaks GraphQL over HTTP like a browser would, keeping the session cookie between calls. */
export class GraphqlClient {
  private cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResponse<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: this.cookieHeader() },
      body: JSON.stringify({ query, variables }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...rest] = (pair ?? "").split("=");
      if (!name) continue;
      const value = rest.join("=");
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const body = (await response.json()) as { data: T; errors?: GraphqlResponse<T>["errors"] };
    return { status: response.status, data: body.data, errors: body.errors };
  }

  /** Like request, but fails the test on any GraphQL-level error. */
  async ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith("session_token"));
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** A local port with nothing listening on it (as the system handed it out a moment ago). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
