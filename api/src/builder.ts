import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ValidationPlugin from "@pothos/plugin-validation";
import type { MembershipRole } from "@ccm/prisma";
import type PrismaTypes from "@ccm/prisma/pothos-types";
import { getDatamodel } from "@ccm/prisma/pothos-types";
import { hasRole, isMember, type Context } from "./context.ts";
import { ForbiddenError, UnauthenticatedError, ValidationError } from "./errors.ts";

// Configuration only: types live in their own *.graphql.ts files (CONVENTIONS.md).

export interface AuthScopes {
  signedIn: boolean;
  platformAdmin: boolean;
  /** Any membership of the organisation. */
  memberOf: string;
  /** A membership of the organisation with one of the roles (ADMIN always qualifies). */
  roleIn: { organisationId: string; roles: readonly MembershipRole[] };
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: AuthScopes;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Pence: { Input: bigint; Output: bigint | number };
  };
}>({
  // Errors first so that it catches what scope-auth and validation throw, and turns them into results.
  plugins: [ErrorsPlugin, RelayPlugin, ScopeAuthPlugin, PrismaPlugin, ValidationPlugin],
  defaultFieldNullability: false,
  errors: {
    // Every mutation can fail validation or authorisation; these are in each result union.
    defaultTypes: [ValidationError, UnauthenticatedError, ForbiddenError],
    defaultResultOptions: { name: ({ fieldName }) => `${upperFirst(fieldName)}Success` },
    defaultUnionOptions: { name: ({ fieldName }) => `${upperFirst(fieldName)}Result` },
    // Validation failures become the ValidationError member of the result union, field by field.
    unsafelyHandleInputErrors: true,
  },
  validation: {
    validationError: (result) =>
      new ValidationError(
        result.issues.map((issue) => ({
          path: (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).filter((p) => p !== "input"),
          message: issue.message,
        })),
      ),
  },
  scopeAuth: {
    authScopes: (ctx) => ({
      signedIn: ctx.viewer !== null,
      platformAdmin: ctx.viewer?.isPlatformAdmin ?? false,
      memberOf: (organisationId) => isMember(ctx.viewer, organisationId),
      roleIn: ({ organisationId, roles }) => hasRole(ctx.viewer, organisationId, roles),
    }),
    unauthorizedError: (_parent, ctx) => (ctx.viewer ? new ForbiddenError() : new UnauthenticatedError()),
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
  },
  prisma: {
    client: (ctx) => ctx.deps.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === "production" ? null : "warn",
  },
});
