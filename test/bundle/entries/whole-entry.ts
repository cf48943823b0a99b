// Everything the `bedrock-fetch` entry exports.
export * from "../../../src/index";
