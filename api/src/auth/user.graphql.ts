import { builder } from "../builder.ts";
import { ConflictError } from "../errors.ts";
import { loadViewerForUser } from "./viewer.ts";
import { signIn, signInSchema, signOut, signUp, signUpSchema } from "./auth-operations.ts";

export const UserRef = builder.prismaNode("User", {
  id: { field: "id" },
  // A user is reachable only as the viewer or as a member of an organisation the viewer belongs to.
  fields: (t) => ({
    name: t.exposeString("name"),
    email: t.exposeString("email", {
      authScopes: (user, _args, ctx) => user.id === ctx.viewer?.userId || (ctx.viewer?.isPlatformAdmin ?? false),
      unauthorizedResolver: () => "",
    }),
    isPlatformAdmin: t.exposeBoolean("isPlatformAdmin"),
    memberships: t.relation("memberships", {
      authScopes: (user, _args, ctx) => user.id === ctx.viewer?.userId || (ctx.viewer?.isPlatformAdmin ?? false),
      unauthorizedResolver: () => [] as never,
      query: { orderBy: { createdAt: "asc" } },
    }),
  }),
});

builder.queryField("viewer", (t) =>
  t.prismaField({
    type: "User",
    nullable: true,
    description: "The signed-in user, or null when signed out.",
    resolve: (query, _root, _args, ctx) =>
      ctx.viewer ? ctx.deps.prisma.user.findUnique({ ...query, where: { id: ctx.viewer.userId } }) : null,
  }),
);

const SignUpInput = builder.inputType("SignUpInput", {
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true }),
    name: t.string({ required: true }),
  }),
});

const SignInInput = builder.inputType("SignInInput", {
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true }),
  }),
});

builder.mutationField("signUp", (t) =>
  t.prismaField({
    type: "User",
    description: "Create an account and sign in (sets the session cookie).",
    args: { input: t.arg({ type: SignUpInput, required: true, validate: signUpSchema }) },
    errors: { types: [ConflictError] },
    resolve: async (query, _root, { input }, ctx) => {
      const result = await signUp(ctx.deps, signUpSchema.parse(input), ctx.headers);
      ctx.setCookies.push(...result.setCookies);
      ctx.viewer = await loadViewerForUser(ctx.deps, result.userId);
      return ctx.deps.prisma.user.findUniqueOrThrow({ ...query, where: { id: result.userId } });
    },
  }),
);

builder.mutationField("signIn", (t) =>
  t.prismaField({
    type: "User",
    description: "Sign in with an email address and password (sets the session cookie).",
    args: { input: t.arg({ type: SignInInput, required: true, validate: signInSchema }) },
    errors: {},
    resolve: async (query, _root, { input }, ctx) => {
      const result = await signIn(ctx.deps, signInSchema.parse(input), ctx.headers);
      ctx.setCookies.push(...result.setCookies);
      ctx.viewer = await loadViewerForUser(ctx.deps, result.userId);
      return ctx.deps.prisma.user.findUniqueOrThrow({ ...query, where: { id: result.userId } });
    },
  }),
);

builder.mutationField("signOut", (t) =>
  t.boolean({
    description: "End the current session. True when a session was ended.",
    resolve: async (_root, _args, ctx) => {
      if (!ctx.viewer) return false;
      ctx.setCookies.push(...(await signOut(ctx.deps, ctx.headers)));
      return true;
    },
  }),
);
