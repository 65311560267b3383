import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEMO_SIGN_INS, demoSignInsMarkdown } from "./demo-sign-ins.ts";

const README = join(dirname(fileURLToPath(import.meta.url)), "../../README.md");
const START = "<!-- demo-sign-ins:start -->";
const END = "<!-- demo-sign-ins:end -->";

/** The table's body rows as trimmed cells, whatever padding the formatter gave them. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split("\n")
    .filter((line) => line.trim().startsWith("|"))
    .slice(2)
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, "")
        .split("|")
        .map((cell) => cell.trim().replace(/^`|`$/g, "")),
    );
}

describe("README", () => {
  it("lists exactly the seeded demo sign-ins", () => {
    const text = readFileSync(README, "utf8");
    expect(text).toContain(START);
    expect(text).toContain(END);
    const table = text.slice(text.indexOf(START) + START.length, text.indexOf(END));
    expect(
      tableRows(table),
      `The README's demo sign-ins differ from DEMO_SIGN_INS (seeds/src/demo-sign-ins.ts). Put this between its markers:\n${demoSignInsMarkdown()}\n`,
    ).toEqual(DEMO_SIGN_INS.map((s) => [s.role, s.email, s.password, s.organisation]));
  });
});
