/**
 * @module bedrock-fetch/node
 *
 * Node-only helpers: serve any web handler (the emulator, the proxy) over `node:http`, and load recorded
 * exchanges from disk for the emulator's replay mode.
 */
export { serve, toWebRequest, writeWebResponse } from "./server";
export type { RunningServer, ServeOptions } from "./server";
export { loadExchanges } from "./exchanges";
