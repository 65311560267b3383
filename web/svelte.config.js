import adapter from "@sveltejs/adapter-node";

/** @type {import('@sveltejs/kit').Config} */
const config = {
  compilerOptions: { runes: true },
  kit: {
    // web/build/handler.js is mounted by the one-process server (worker/src/start-all.ts) behind the API.
    adapter: adapter({ out: "build", precompress: false }),
    // Pages get a nonce-based CSP; the only inline script is the govuk-frontend "js-enabled" switch in app.html.
    csp: {
      mode: "auto",
      directives: {
        "default-src": ["self"],
        "script-src": ["self"],
        "style-src": ["self"],
        // SvelteKit's route announcer (for screen readers after client-side navigation) is styled inline.
        "style-src-attr": ["unsafe-inline"],
        "img-src": ["self", "data:"],
        "font-src": ["self"],
        "connect-src": ["self"],
        "form-action": ["self"],
        "frame-ancestors": ["none"],
        "base-uri": ["self"],
        "object-src": ["none"],
      },
    },
  },
};

export default config;
