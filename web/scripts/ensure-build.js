// Builds the web app (vite build -> web/build) only when the build is missing or older than any of
// its inputs, so `pnpm start` and the end-to-end tests start quickly when nothing has changed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const web = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const output = join(web, "build", "handler.js");
const inputs = [
  join(web, "src"),
  join(web, "static"),
  join(web, "svelte.config.js"),
  join(web, "vite.config.ts"),
  join(web, "package.json"),
  join(web, "..", "api", "schema.graphql"),
];

/** The newest modification time of a file or of any file under a folder (0 when it does not exist). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file changes its folder's time
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    // Generated types follow from api/schema.graphql, which is already an input.
    if (entry.name === "generated") continue;
    latest = Math.max(latest, newest(join(path, entry.name)));
  }
  return latest;
}

const built = existsSync(output) ? statSync(output).mtimeMs : 0;
const changed = inputs.filter((input) => newest(input) > built);

if (built && changed.length === 0) {
  console.log("web: build is up to date");
} else {
  console.log(built ? `web: rebuilding (changed: ${changed.map((p) => p.slice(web.length - 3)).join(", ")})` : "web: building");
  const result = spawnSync(process.execPath, [join(web, "node_modules", "vite", "bin", "vite.js"), "build"], {
    cwd: web,
    stdio: "inherit",
  });
  process.exit(result.status ?? 1);
}
