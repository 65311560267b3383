import { describe, expect, it } from "vitest";
import { singular, tokeniseText } from "./tokenise-text.ts";

describe("tokeniseText", () => {
  it("keeps the meaningful words, lower case, without accents, plurals folded", () => {
    expect(tokeniseText("The Councils' CAFÉ services and 24/7 repairs for libraries")).toEqual([
      "council",
      "cafe",
      "service",
      "repair",
      "library",
    ]);
  });

  it("leaves words that only look plural alone", () => {
    expect(["analysis", "business", "status", "analytics", "news"].map(singular)).toEqual([
      "analysis",
      "business",
      "status",
      "analytics",
      "news",
    ]);
    expect(singular("boxes")).toBe("box");
    expect(singular("activities")).toBe("activity");
  });
});
