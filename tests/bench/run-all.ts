// `pnpm bench`: runs every tests/bench/*.bench.ts one after another, each in its own process (so one
// benchmark's heap and timers never skew the next), streams their output, then prints a summary built
// from the last JSON line each one printed.
//   pnpm bench                  all of them
//   pnpm bench search matching  only search.bench.ts and matching.bench.ts (`pnpm bench:<name>` at the root)
//   pnpm bench -- --quick       arguments after `--` go to every benchmark
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
const SUFFIX = ".bench.ts";

interface Outcome {
  name: string;
  exitCode: number;
  seconds: number;
  result: Record<string, unknown> | undefined;
}

function parseArgs(argv: string[]): { names: string[]; forwarded: string[] } {
  const split = argv.indexOf("--");
  const own = split === -1 ? argv : argv.slice(0, split);
  return { names: own.filter((a) => !a.startsWith("-")), forwarded: split === -1 ? [] : argv.slice(split + 1) };
}

function lastJsonObject(lines: string[]): Record<string, unknown> | undefined {
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i]!.trim();
    if (!line.startsWith("{")) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // Not JSON after all: keep looking further up.
    }
  }
  return undefined;
}

function run(file: string, args: string[]): Promise<Outcome> {
  const name = basename(file, SUFFIX);
  console.log(`\n=== ${name} (${basename(file)}) ===`);
  const started = performance.now();
  const child = spawn(process.execPath, [tsxCli, file, ...args], { cwd: here, stdio: ["ignore", "pipe", "inherit"] });
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line);
    console.log(line);
  });
  return new Promise((resolve) => {
    child.on("close", (code, signal) =>
      resolve({
        name,
        exitCode: code ?? (signal ? 128 : 1),
        seconds: (performance.now() - started) / 1000,
        result: lastJsonObject(lines),
      }),
    );
  });
}

function formatValue(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/\.?0+$/, "");
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function summaryTable(outcomes: Outcome[]): string {
  const rows = [
    ["benchmark", "status", "time", "result (last JSON line)"],
    ...outcomes.map((o) => [
      o.name,
      o.exitCode === 0 ? "ok" : `FAILED (exit ${o.exitCode})`,
      `${o.seconds.toFixed(1)} s`,
      o.result
        ? Object.entries(o.result)
            .map(([k, v]) => `${k}=${formatValue(v)}`)
            .join("  ")
        : "(no JSON line)",
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  return [line(rows[0]!), line(widths.map((w) => "-".repeat(w))), ...rows.slice(1).map(line)].join("\n");
}

async function main(): Promise<number> {
  const { names, forwarded } = parseArgs(process.argv.slice(2));
  const available = readdirSync(here)
    .filter((f) => f.endsWith(SUFFIX))
    .sort();
  const unknown = names.filter((n) => !available.includes(`${n}${SUFFIX}`));
  if (unknown.length) {
    const have = available.map((f) => basename(f, SUFFIX)).join(", ") || "none yet";
    console.error(`No benchmark named ${unknown.join(", ")} in tests/bench (have: ${have}).`);
    return 2;
  }
  const chosen = names.length ? names.map((n) => `${n}${SUFFIX}`) : available;
  if (!chosen.length) {
    console.log("No benchmarks in tests/bench yet (files named *.bench.ts).");
    return 0;
  }
  const outcomes: Outcome[] = [];
  for (const file of chosen) outcomes.push(await run(join(here, file), forwarded));
  console.log(`\n=== summary ===\n${summaryTable(outcomes)}`);
  // `pnpm bench:<name>` runs one benchmark, whose contract is that its JSON object is the last line printed.
  const only = outcomes.length === 1 ? outcomes[0]?.result : undefined;
  if (only) console.log(JSON.stringify(only));
  return outcomes.every((o) => o.exitCode === 0) ? 0 : 1;
}

process.exitCode = await main();
