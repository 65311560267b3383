import { builder } from "../builder.ts";
import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
  type FieldIssue,
} from "../errors.ts";

// Expected failures as result-union members that share the Error interface, so clients can always ask
// for `... on Error { message code }` and add fragments for the details they care about.

export const ErrorInterface = builder.interfaceRef<DomainError>("Error").implement({
  fields: (t) => ({
    message: t.exposeString("message"),
    code: t.exposeString("code"),
  }),
});

export const FieldIssueRef = builder.objectRef<FieldIssue>("FieldIssue").implement({
  description: "A problem with one input field.",
  fields: (t) => ({
    path: t.exposeStringList("path", { description: 'The field, e.g. ["email"] or ["lots", "0", "title"].' }),
    message: t.exposeString("message"),
  }),
});

builder.objectType(ValidationError, {
  name: "ValidationError",
  interfaces: [ErrorInterface],
  fields: (t) => ({ issues: t.field({ type: [FieldIssueRef], resolve: (e) => e.issues }) }),
});

for (const [cls, name] of [
  [NotFoundError, "NotFoundError"],
  [ForbiddenError, "ForbiddenError"],
  [UnauthenticatedError, "UnauthenticatedError"],
  [ConflictError, "ConflictError"],
] as const) {
  builder.objectType(cls, { name, interfaces: [ErrorInterface], fields: () => ({}) });
}
