/**
 * The shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`): where they are, their INI-like
 * format and how their sections combine. Format: https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html ;
 * locations and variables: https://docs.aws.amazon.com/sdkref/latest/guide/file-location.html .
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { EnvRecord } from "../../env";
import { ConfigurationError } from "../../errors";

/** Settings of one section; nested sub-settings (e.g. `sts =` + indented `endpoint_url = …`) as `sts.endpoint_url`. */
export type ConfigSection = Record<string, string>;

/** Both files, combined. */
export interface SharedConfig {
  /** Profiles by name: config `[profile x]` / `[default]` overlaid by credentials-file `[x]`. */
  profiles: Record<string, ConfigSection>;
  /** `[sso-session x]` sections of the config file. */
  ssoSessions: Record<string, ConfigSection>;
  /** `[services x]` sections of the config file. */
  services: Record<string, ConfigSection>;
  configPath: string;
  credentialsPath: string;
}

/** Where to read the files from (tests point these at temporary files). */
export interface SharedConfigOptions {
  /** @defaultValue `process.env` */
  env?: EnvRecord | undefined;
  /** @defaultValue `AWS_CONFIG_FILE`, else `~/.aws/config` */
  configFile?: string | undefined;
  /** @defaultValue `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials` */
  credentialsFile?: string | undefined;
}

/** The home directory: `HOME`, then `USERPROFILE`, then `HOMEDRIVE`+`HOMEPATH`, then the OS's answer. */
export function homeDirectory(env: EnvRecord): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? "C:"}${env.HOMEPATH}`;
  return homedir();
}

/** Expands a leading `~/` to the home directory. */
export function expandHome(path: string, env: EnvRecord): string {
  return path === "~" || path.startsWith("~/") || path.startsWith("~\\") ? join(homeDirectory(env), path.slice(1)) : path;
}

/** Resolved paths of both files. */
export function sharedConfigPaths(options: SharedConfigOptions = {}): { configPath: string; credentialsPath: string } {
  const env = options.env ?? process.env;
  const home = homeDirectory(env);
  return {
    configPath: expandHome(options.configFile ?? env.AWS_CONFIG_FILE ?? join(home, ".aws", "config"), env),
    credentialsPath: expandHome(options.credentialsFile ?? env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, ".aws", "credentials"), env),
  };
}

/** A record without a prototype: a key read from a file can neither reach nor shadow `Object.prototype`. */
const dict = <T>(...from: Array<Record<string, T> | undefined>): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, ...from);

// Names that reach or shadow Object.prototype when used as keys of an ordinary object: refused rather than skipped.
const RESERVED = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Parses the file format: `[section]` headers, `key = value` settings, full-line `#`/`;` comments, and indented
 * sub-settings under a setting with an empty value. Keys keep their case; surrounding whitespace is trimmed.
 * Inline comments are not stripped: values such as secret keys may legitimately contain `#` or `;`.
 * Sections and settings are records without a prototype.
 *
 * @param file - named in errors. @defaultValue "the shared config file"
 * @param field - the errors' `field`. @defaultValue "AWS_CONFIG_FILE"
 * @throws ConfigurationError naming the file, the line and the name when a section, profile or setting is called
 * `__proto__`, `constructor` or `prototype`
 */
export function parseIni(text: string, file = "the shared config file", field = "AWS_CONFIG_FILE"): Record<string, ConfigSection> {
  const sections = dict<ConfigSection>();
  let current: ConfigSection | undefined;
  let parent: string | undefined;
  const lines = text.split(/\r?\n/);
  const refuse = (index: number, name: string, what: string) => {
    throw new ConfigurationError(field, `${file} line ${index + 1}: "${name}" cannot be used as a ${what} name; rename it.`);
  };
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    if (line.startsWith("[")) {
      const end = line.indexOf("]");
      if (end < 0) {
        current = undefined;
        continue;
      }
      const name = line.slice(1, end).trim().replace(/\s+/g, " ");
      // `[profile x]`, `[sso-session x]`, `[services x]` are keyed by x; the credentials file's `[x]` by the whole name.
      for (const part of [name, name.slice(name.indexOf(" ") + 1)]) if (RESERVED.has(part)) refuse(index, part, "section");
      current = sections[name] ??= dict();
      parent = undefined;
      continue;
    }
    if (!current) continue;
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (RESERVED.has(key)) refuse(index, key, "setting");
    const indented = /^\s/.test(rawLine);
    if (indented && parent !== undefined) {
      current[`${parent}.${key}`] = value;
      continue;
    }
    current[key] = value;
    parent = value === "" ? key : undefined;
  }
  return sections;
}

async function readOptional(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR") return "";
    throw error;
  }
}

/** Reads and combines both files; a missing file counts as empty. */
export async function loadSharedConfig(options: SharedConfigOptions = {}): Promise<SharedConfig> {
  const { configPath, credentialsPath } = sharedConfigPaths(options);
  const [configText, credentialsText] = await Promise.all([readOptional(configPath), readOptional(credentialsPath)]);
  const profiles = dict<ConfigSection>();
  const ssoSessions = dict<ConfigSection>();
  const services = dict<ConfigSection>();
  for (const [name, section] of Object.entries(parseIni(configText, configPath))) {
    const [kind, ...rest] = name.split(" ");
    const sub = rest.join(" ");
    if (name === "default") profiles.default = dict(profiles.default, section);
    else if (kind === "profile" && sub) profiles[sub] = dict(profiles[sub], section);
    else if (kind === "sso-session" && sub) ssoSessions[sub] = section;
    else if (kind === "services" && sub) services[sub] = section;
  }
  // Settings in the credentials file win over the same settings in the config file.
  for (const [name, section] of Object.entries(parseIni(credentialsText, credentialsPath, "AWS_SHARED_CREDENTIALS_FILE"))) {
    profiles[name] = dict(profiles[name], section);
  }
  return { profiles, ssoSessions, services, configPath, credentialsPath };
}

/**
 * The endpoint URL configured for a service, by the precedence of
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html : `AWS_ENDPOINT_URL_<SERVICE>`,
 * `AWS_ENDPOINT_URL`, the profile's `[services]` section entry, then the profile's `endpoint_url`.
 */
export function configuredEndpoint(
  config: SharedConfig | undefined,
  profile: ConfigSection | undefined,
  env: EnvRecord,
  envSuffix: string,
  serviceKey: string,
): string | undefined {
  const services = profile?.services === undefined ? undefined : config?.services[profile.services];
  return env[`AWS_ENDPOINT_URL_${envSuffix}`] || env.AWS_ENDPOINT_URL ||
    services?.[`${serviceKey}.endpoint_url`] || profile?.endpoint_url || undefined;
}
