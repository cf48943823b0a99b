// Generated from package.json by scripts/gen-version.mjs (npm runs it on `npm version`); do not edit.
export const VERSION = "0.1.0";
