// The package's API; the API's shapes come from the server's OpenAPI schema (api.d.ts).
import type { components } from "./api.js";

export type RenderResponse = components["schemas"]["RenderResponse"];
export type RenderedBlock = components["schemas"]["RenderedBlock"];
export type Schemas = components["schemas"];

export interface RenderOptions {
  /** The thank-you server's URL, e.g. "https://thankyou.example". */
  server: string;
  /** The order context your backend signed (a JWT). */
  token: string;
  /** The element, or a CSS selector for it, that shows the content (in its shadow root). */
  target: string | Element;
  /** Milliseconds to wait for the server before giving up quietly (default 4000). */
  timeout?: number;
}

/**
 * Show the thank-you page for this order in target. Never throws and never
 * rejects: resolves to the host element, or to null when nothing is shown
 * (the console's one "[thankyou]" warning says why).
 */
export function render(options: RenderOptions): Promise<Element | null>;
