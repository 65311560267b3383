import type { Handle, HandleServerError } from "@sveltejs/kit";
import { loadViewer } from "$lib/server/viewer";

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.viewer = await loadViewer(event);
  const response = await resolve(event);
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("referrer-policy", "same-origin");
  return response;
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
  if (status === 404) return { message: "Page not found" };
  // The details go to the log only; the page says what a person can do about it.
  console.error(`${event.request.method} ${event.url.pathname} failed:`, error);
  return { message: status >= 500 ? "Sorry, there is a problem with the service" : message };
};
