// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Viewer } from "$lib/server/viewer";

declare global {
  namespace App {
    interface Locals {
      /** The signed-in person from the API's `viewer` query, or null when signed out. */
      viewer: Viewer | null;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
