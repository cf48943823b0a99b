/**
 * Reads a proxy configuration file (LiteLLM's `config.yaml`, or the same document as JSON). JSON needs nothing;
 * YAML is parsed by the optional peer dependency `yaml`, imported only when a YAML file is given, so that the
 * package keeps no runtime dependency.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { ConfigurationError } from "../errors";
import type { ProxyConfig } from "../proxy/types";

/** Parses YAML text (the `parse` function of the `yaml` package). */
export type YamlParse = (text: string) => unknown;

/** Options of {@link loadProxyConfig}. */
export interface LoadProxyConfigOptions {
  /** How to get a YAML parser. @defaultValue a dynamic `import("yaml")` */
  importYaml?: () => Promise<YamlParse>;
}

async function defaultImportYaml(): Promise<YamlParse> {
  const yaml = await import("yaml");
  return yaml.parse;
}

/**
 * Loads and parses a proxy configuration file: `.json` as JSON, anything else (`.yaml`, `.yml`) as YAML. The result
 * is not validated here; `createProxy` does that, naming the entry and field at fault.
 *
 * @throws ConfigurationError("config") when the file cannot be read or parsed, or YAML is given without `yaml` installed
 * @example
 * ```ts
 * import { createProxy } from "bedrock-fetch/proxy";
 * import { loadProxyConfig, serve } from "bedrock-fetch/node";
 * const server = await serve(createProxy(await loadProxyConfig("config.yaml")), { port: 4000 });
 * ```
 */
export async function loadProxyConfig(path: string, options: LoadProxyConfigOptions = {}): Promise<ProxyConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    throw new ConfigurationError("config", `Cannot read the config file ${path}${code ? ` (${code})` : ""}.`, { cause });
  }
  let parsed: unknown;
  if (extname(path).toLowerCase() === ".json") {
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      // Not the parser's message: recent engines quote the surrounding text, which may hold a key.
      throw new ConfigurationError("config", `The config file ${path} is not valid JSON.`, { cause });
    }
  } else {
    let parse: YamlParse;
    try {
      parse = await (options.importYaml ?? defaultImportYaml)();
    } catch (cause) {
      throw new ConfigurationError(
        "config",
        `Reading the YAML config ${path} needs the optional package "yaml": run \`npm install yaml\`, or write the config as JSON (config.json).`,
        { cause },
      );
    }
    try {
      parsed = parse(text);
    } catch (cause) {
      // The yaml package's messages quote the offending line and column, never more of the file.
      throw new ConfigurationError("config", `The config file ${path} is not valid YAML: ${(cause as Error).message.split("\n")[0]}`, { cause });
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ConfigurationError("config", `The config file ${path} must hold a mapping with model_list (and optionally general_settings).`);
  }
  refuseReservedKeys(parsed, path);
  return parsed as ProxyConfig;
}

// Keys that reach or shadow Object.prototype once copied or merged into an ordinary object. Both parsers keep
// `__proto__` as a plain own key, so nothing is polluted yet; refusing them here keeps it so for every later reader.
const RESERVED = new Set(["__proto__", "constructor", "prototype"]);

/** Walks the parsed document (without recursion, and once per node: YAML aliases may share or nest nodes). */
function refuseReservedKeys(root: object, path: string): void {
  const seen = new Set<object>();
  const stack: Array<[object, string]> = [[root, ""]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, at] = item;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const [key, value] of Object.entries(node)) {
      const here = Array.isArray(node) ? `${at}[${key}]` : at ? `${at}.${key}` : key;
      if (RESERVED.has(key)) throw new ConfigurationError("config", `The config file ${path}: ${here} uses the name "${key}", which is refused; remove or rename it.`);
      if (typeof value === "object" && value !== null) stack.push([value, here]);
    }
  }
}
