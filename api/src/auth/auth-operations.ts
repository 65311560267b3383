import { APIError } from "better-auth/api";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import { ConflictError, UnauthenticatedError, ValidationError } from "../errors.ts";
import { MIN_PASSWORD_LENGTH } from "./auth.ts";

export const signUpSchema = z.object({
  email: z.email("Enter an email address in the correct format, like name@example.org").trim().toLowerCase(),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Password must be ${MIN_PASSWORD_LENGTH} characters or more`)
    .max(256, "Password must be 256 characters or fewer"),
  name: z.string().trim().min(1, "Enter your full name").max(200, "Name must be 200 characters or fewer"),
});

export const signInSchema = z.object({
  email: z.email("Enter an email address in the correct format, like name@example.org").trim().toLowerCase(),
  password: z.string().min(1, "Enter your password"),
});

export interface AuthResult {
  userId: string;
  setCookies: string[];
}

/** Creates an account and signs it in. */
export async function signUp(
  deps: Pick<Deps, "auth">,
  input: z.infer<typeof signUpSchema>,
  headers: Headers,
): Promise<AuthResult> {
  try {
    const { headers: out, response } = await deps.auth.api.signUpEmail({ body: input, headers, returnHeaders: true });
    return { userId: response.user.id, setCookies: out.getSetCookie() };
  } catch (e) {
    if (
      e instanceof APIError &&
      (e.body?.code === "USER_ALREADY_EXISTS" || e.body?.code === "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL")
    ) {
      throw new ConflictError("An account with this email address already exists: sign in instead", "EMAIL_TAKEN");
    }
    if (e instanceof APIError && e.status === "BAD_REQUEST")
      throw ValidationError.field("email", e.body?.message ?? "Check your details");
    throw e;
  }
}

/** Checks an email and password and starts a session. */
export async function signIn(
  deps: Pick<Deps, "auth">,
  input: z.infer<typeof signInSchema>,
  headers: Headers,
): Promise<AuthResult> {
  try {
    const { headers: out, response } = await deps.auth.api.signInEmail({ body: input, headers, returnHeaders: true });
    return { userId: response.user.id, setCookies: out.getSetCookie() };
  } catch (e) {
    // One message for a wrong email and a wrong password, so the form does not reveal who has an account.
    if (e instanceof APIError && (e.status === "UNAUTHORIZED" || e.status === "BAD_REQUEST")) {
      throw new UnauthenticatedError("The email address or password is not right");
    }
    throw e;
  }
}

/** Ends the current session (deleting it server-side) and clears the cookie. */
export async function signOut(deps: Pick<Deps, "auth">, headers: Headers): Promise<string[]> {
  const { headers: out } = await deps.auth.api.signOut({ headers, returnHeaders: true });
  return out.getSetCookie();
}
