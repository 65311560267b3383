import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { createQueryCompiler, typesCheckingScopesInIsTypeOf } from "./compiled-queries.ts";
import { getSchema } from "./schema.ts";

// Which documents run compiled (ADR 0017). The catalogue search's own answers, compiled and not, are
// compared on the real database in tests/integration/compiled-queries.test.ts.

/** A schema whose searchCatalogue returns a type that may check its auth scopes in isTypeOf, as Pothos's runScopesOnType does. */
function schemaWith(runScopesOnType: boolean): GraphQLSchema {
  const Offering = new GraphQLObjectType({
    name: "Offering",
    extensions: { pothosOptions: { runScopesOnType } },
    isTypeOf: (_value, context: { viewer?: unknown } | undefined) => context !== undefined,
    fields: { title: { type: GraphQLString } },
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: "Query",
      fields: {
        searchCatalogue: {
          type: Offering,
          args: { query: { type: GraphQLString } },
          resolve: (_root, args: { query?: string }) => ({ title: args.query ?? "Cloud hosting" }),
        },
        other: { type: GraphQLString, resolve: () => "x" },
      },
    }),
  });
}

describe("createQueryCompiler", () => {
  it("compiles a query on searchCatalogue alone, once per document", () => {
    const compile = createQueryCompiler(schemaWith(false));
    const document = parse(`query Search { __typename searchCatalogue { title } }`);
    const compiled = compile(document, "Search");
    expect(compiled).not.toBeNull();
    expect(compile(document, "Search")).toBe(compiled);
  });

  it("compiles only documents whose arguments are variables: a literal is written into the compiled code", () => {
    const compile = createQueryCompiler(schemaWith(false));
    expect(compile(parse(`query($q: String) { searchCatalogue(query: $q) { title } }`))).not.toBeNull();
    expect(
      compile(parse(`query($q: String, $t: Boolean!) { searchCatalogue(query: $q) { title @include(if: $t) } }`)),
    ).not.toBeNull();
    expect(compile(parse(`{ searchCatalogue { title @skip(if: false) } }`))).not.toBeNull();
    expect(compile(parse(`{ searchCatalogue(query: "cloud") { title } }`))).toBeNull();
    expect(compile(parse(`query($q: String = "cloud") { searchCatalogue(query: $q) { title } }`))).toBeNull();
  });

  it("answers a request naming another operation on the standard executor, without spoiling the compiled one", () => {
    const compile = createQueryCompiler(schemaWith(false));
    const document = parse(`query Search { searchCatalogue { title } }`);
    expect(compile(document, "Other")).toBeNull();
    expect(compile(document, "Search")).not.toBeNull();
    expect(compile(document)).not.toBeNull();
  });

  it("leaves other root fields, mutations and documents of several operations to the standard executor", () => {
    const compile = createQueryCompiler(schemaWith(false));
    expect(compile(parse(`{ searchCatalogue { title } other }`))).toBeNull();
    expect(compile(parse(`{ other }`))).toBeNull();
    expect(compile(parse(`mutation { searchCatalogue { title } }`))).toBeNull();
    expect(compile(parse(`query A { searchCatalogue { title } } query B { searchCatalogue { title } }`), "A")).toBeNull();
  });

  it("leaves to the standard executor a query reaching a type that checks its scopes in isTypeOf, which needs the request's context", () => {
    const compile = createQueryCompiler(schemaWith(true));
    expect(compile(parse(`{ searchCatalogue { title } }`))).toBeNull();
    expect(compile(parse(`{ __typename }`))).not.toBeNull();
  });

  it("finds the schema's types that check their scopes in isTypeOf, where Pothos records them", () => {
    // If Pothos stopped recording runScopesOnType where this looks, such types would run compiled and fail.
    const types = typesCheckingScopesInIsTypeOf(getSchema());
    expect([...types]).toEqual(expect.arrayContaining(["Bid", "Tender"]));
    // The search's own types check theirs as each field resolves, so the search compiles.
    expect(types.has("Offering") || types.has("Organisation")).toBe(false);
  });
});
