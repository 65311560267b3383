// A one-time message shown on the next page after a redirect (POST, redirect, GET), e.g. "You have
// signed out". Works without JavaScript. Redirect with a flash only to a page that renders (not to one
// whose load redirects again), or the message is spent on the intermediate response.
import type { Cookies } from "@sveltejs/kit";

const COOKIE = "ccm_flash";

export interface Flash {
  /** The heading of a success notification banner. */
  title: string;
  /** An optional sentence under it. */
  body?: string;
}

/** Stores a success message for the page the user is redirected to. */
export function setFlash(cookies: Cookies, url: URL, flash: Flash): void {
  cookies.set(COOKIE, JSON.stringify(flash), {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: url.protocol === "https:",
    maxAge: 60,
  });
}

/** Reads and clears the message, if there is one. */
export function takeFlash(cookies: Cookies, url: URL): Flash | null {
  const raw = cookies.get(COOKIE);
  if (!raw) return null;
  cookies.delete(COOKIE, { path: "/", secure: url.protocol === "https:" });
  try {
    const parsed = JSON.parse(raw) as Partial<Flash>;
    return typeof parsed.title === "string" ? { title: parsed.title, body: parsed.body } : null;
  } catch {
    return null;
  }
}
