import { sveltekit } from "@sveltejs/kit/vite";
import { createLogger, defineConfig } from "vite";

// govuk-frontend still carries two IE 9-11 hacks (`@media screen and (min-width: 0\0)`, which Sass
// writes with U+FFFD) that Lightning CSS cannot parse. With error recovery it drops just those rules,
// which no supported browser uses; this keeps its warning about them out of every build's output.
const logger = createLogger();
const warn = logger.warn.bind(logger);
logger.warn = (message, options) => {
  if (message.includes("[lightningcss minify]") && message.includes("\uFFFD")) return;
  warn(message, options);
};

export default defineConfig({
  customLogger: logger,
  plugins: [sveltekit()],
  css: {
    preprocessorOptions: {
      scss: {
        // govuk-frontend's Sass is loaded by package name; its deprecation notes are for its maintainers.
        loadPaths: ["node_modules"],
        quietDeps: true,
      },
    },
    lightningcss: { errorRecovery: true },
  },
  server: {
    // `vite dev` talks to a separately started API (pnpm --filter @ccm/api dev) through API_URL.
    port: Number(process.env.WEB_PORT ?? 5173),
  },
});
