import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { builder } from "./builder.ts";
import "./shared/scalars.graphql.ts";
import "./shared/errors.graphql.ts";
import "./auth/user.graphql.ts";
import "./organisations/organisation.graphql.ts";
import "./organisations/membership.graphql.ts";
import "./cpv/cpv.graphql.ts";
import "./suppliers/supplier.graphql.ts";
import "./catalogue/framework.graphql.ts";
import "./catalogue/offering.graphql.ts";
import "./catalogue/catalogue.graphql.ts";
import "./notifications/notification.graphql.ts";
import "./tenders/tender-errors.graphql.ts";
import "./tenders/tender.graphql.ts";
import "./bids/bid.graphql.ts";
import "./clarifications/clarification.graphql.ts";
import "./evaluation/evaluation.graphql.ts";
import "./awards/award.graphql.ts";
import "./matching/match.graphql.ts";

builder.queryType({});
builder.mutationType({});

let schema: GraphQLSchema | undefined;

/** The executable schema (built once per process). */
export function getSchema(): GraphQLSchema {
  schema ??= builder.toSchema();
  return schema;
}

/** The schema as SDL, sorted, as committed in api/schema.graphql. */
export function printedSchema(): string {
  return printSchema(lexicographicSortSchema(getSchema())) + "\n";
}
