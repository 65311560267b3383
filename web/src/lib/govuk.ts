// govuk-frontend's JavaScript as progressive enhancement: each component that has behaviour gets
// `use:govuk={"ErrorSummary"}` on its root element. Pages work without it; with it, the error summary
// takes focus, passwords can be shown, the navigation collapses on small screens.
import type { Action } from "svelte/action";

export type GovukComponentName =
  "Button" | "Checkboxes" | "ErrorSummary" | "NotificationBanner" | "PasswordInput" | "Radios" | "ServiceNavigation" | "SkipLink";

/** Starts a govuk-frontend component on this element when it is mounted (in the browser only). */
export const govuk: Action<HTMLElement, GovukComponentName> = (node, name) => {
  // Loaded on demand: the module touches browser globals and is not needed for the server render.
  void import("govuk-frontend").then((govukFrontend) => {
    if (!node.isConnected || !govukFrontend.isSupported()) return;
    try {
      new govukFrontend[name](node);
    } catch (error) {
      // An enhancement that fails leaves the plain HTML working.
      console.warn(`govuk-frontend ${name} did not start`, error);
    }
  });
};
