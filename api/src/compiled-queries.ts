import {
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  BREAK,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type OperationDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

/**
 * Root fields whose queries run as code compiled by graphql-jit (ADR 0017). The catalogue search answers
 * the public's searches, about 500 fields a page, and completing them field by field in the standard
 * executor cost the API several times the CPU of the search's own code; graphql-jit turns a query into
 * one function once, then runs it for each request. Every other operation keeps the standard executor.
 */
const COMPILED_ROOT_FIELDS = new Set(["searchCatalogue", "__typename"]);

/**
 * Runs the queries of COMPILED_ROOT_FIELDS as compiled code (see createQueryCompiler); any other
 * operation runs on the standard executor as before. The answer does not depend on which one ran it
 * (tests/integration/compiled-queries.test.ts compares them).
 */
export function compiledQueries(schema: GraphQLSchema): Plugin {
  const compile = createQueryCompiler(schema);
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const run = compile(args.document, args.operationName);
      if (run) setExecuteFn((execution) => run(execution, executeFn as (execution: ExecutionArgs) => Promise<ExecutionResult>));
    },
  };
}

/**
 * Runs one compiled operation. `otherwise` is the executor it stands in for: it answers what the
 * compiled code would word differently.
 */
export type CompiledOperation = (
  execution: ExecutionArgs,
  otherwise: (execution: ExecutionArgs) => Promise<ExecutionResult> | ExecutionResult,
) => Promise<ExecutionResult>;

/**
 * The compiled form of a document, or null when it must run on the standard executor. A document is
 * compiled once (yoga's parser cache hands the same DocumentNode to every request with the same text),
 * and only when:
 * - it is one query operation on COMPILED_ROOT_FIELDS alone;
 * - every argument in it is a variable (or a directive's true or false). graphql-jit writes an argument's
 *   literal value into the code it compiles, and rewrites text of a certain shape in it into code: a
 *   client's string could run on the server (tests/integration/compiled-queries.test.ts tries it). A
 *   variable's value only ever reaches the compiled code as data;
 * - none of its types checks its auth scopes in `isTypeOf` (graphql-jit calls `isTypeOf` without the
 *   request's context, which Pothos's `runScopesOnType` needs);
 * - graphql-jit compiles it.
 * A request naming an operation the document does not hold gets the standard executor's answer.
 */
export function createQueryCompiler(
  schema: GraphQLSchema,
): (document: DocumentNode, operationName?: string | null) => CompiledOperation | null {
  const contextualTypes = typesCheckingScopesInIsTypeOf(schema);
  const compiledByDocument = new WeakMap<DocumentNode, { run: CompiledOperation; name: string | null } | null>();
  return (document, operationName) => {
    let compiled = compiledByDocument.get(document);
    if (compiled === undefined) {
      compiled = null;
      const operation = compilableOperation(schema, document, contextualTypes);
      if (operation) {
        const name = operation.name?.value ?? null;
        try {
          // Compiled by the document's own operation name, so that a request naming another cannot spoil it.
          const query = compileQuery(schema, document, name ?? undefined);
          if (isCompiledQuery(query)) compiled = { run: runner(query), name };
        } catch {
          // Left to the standard executor, which answers it (or explains what is wrong with it) as always.
        }
      }
      compiledByDocument.set(document, compiled);
    }
    if (!compiled || (operationName != null && operationName !== compiled.name)) return null;
    return compiled.run;
  };
}

function runner(query: CompiledQuery): CompiledOperation {
  return async (execution, otherwise) => {
    const result = await query.query(execution.rootValue, execution.contextValue, execution.variableValues ?? {});
    // A result without data is graphql-jit refusing the variables before any field ran, in its own words
    // (it names an input object's field as if it were a variable): those requests get the standard
    // executor's answer, as before.
    return "data" in result ? result : otherwise(execution);
  };
}

/** Object types whose `isTypeOf` runs Pothos's type scopes (`runScopesOnType`), and so needs the context. */
export function typesCheckingScopesInIsTypeOf(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    const options = type.extensions?.["pothosOptions"] as { runScopesOnType?: boolean } | undefined;
    if (isObjectType(type) && options?.runScopesOnType) names.add(type.name);
  }
  return names;
}

/** The document's one operation if it may be compiled (see createQueryCompiler), else null. */
function compilableOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  contextualTypes: Set<string>,
): OperationDefinitionNode | null {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations[0];
  if (operations.length !== 1 || operation?.operation !== "query") return null;
  if (!operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && COMPILED_ROOT_FIELDS.has(s.name.value)))
    return null;

  const reaches = (type: GraphQLNamedType): boolean =>
    contextualTypes.has(type.name) ||
    (isAbstractType(type) && schema.getPossibleTypes(type).some((t) => contextualTypes.has(t.name)));
  let compilable = true;
  /** Stops the walk: the document runs on the standard executor. */
  const refuse = (refused: boolean) => {
    if (!refused) return undefined;
    compilable = false;
    return BREAK;
  };
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument: (argument) => refuse(argument.value.kind !== Kind.VARIABLE && argument.value.kind !== Kind.BOOLEAN),
      VariableDefinition: (definition) => refuse(definition.defaultValue !== undefined),
      Field: () => {
        const type = typeInfo.getType();
        return refuse(type != null && reaches(getNamedType(type)));
      },
    }),
  );
  return compilable ? operation : null;
}
