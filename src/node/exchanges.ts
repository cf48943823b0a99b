/**
 * Loads recorded exchanges (the schema of the shared `exchanges/` folder: one JSON file per request/response pair)
 * from a directory tree, for the emulator's `replay` option.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { ConfigurationError } from "../errors";
import type { RecordedExchange } from "../emulator/types";

async function jsonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await jsonFiles(path)));
    else if (entry.isFile() && entry.name.endsWith(".json") && entry.name !== "INDEX.json") out.push(path);
  }
  return out;
}

/**
 * Every exchange file under `dir` (recursively; `INDEX.json` is skipped), sorted by path so that repeated
 * recordings of the same request replay in their recorded order.
 *
 * @throws ConfigurationError (field `dir`) when the folder cannot be read or a file is not an exchange.
 */
export async function loadExchanges(dir: string): Promise<RecordedExchange[]> {
  let files: string[];
  try {
    files = (await jsonFiles(dir)).sort();
  } catch {
    throw new ConfigurationError("dir", `Cannot read the exchanges folder ${dir}.`);
  }
  const out: RecordedExchange[] = [];
  for (const path of files) {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(path, "utf8"));
    } catch {
      throw new ConfigurationError("dir", `${relative(dir, path)} is not valid JSON.`);
    }
    const e = data as Partial<RecordedExchange> | null;
    if (!e || typeof e.operation !== "string" || typeof e.request !== "object" || typeof e.response?.status !== "number") {
      throw new ConfigurationError("dir", `${relative(dir, path)} is not an exchange (needs operation, request, response.status).`);
    }
    out.push({ ...(e as RecordedExchange), file: relative(dir, path) });
  }
  return out;
}
