/**
 * The credentials the AWS test servers issue, shared with the Bedrock emulator so that what STS, Cognito, the SSO
 * portal, the container endpoint or IMDS hands out also signs requests the emulator accepts.
 */
import type { Credentials } from "../sigv4";
import { randomAlphabet } from "./random";

/** Credentials in the store, with who they belong to. */
export interface StoredCredentials extends Credentials {
  /** The identity they act as, e.g. `arn:aws:sts::123456789012:assumed-role/Role/session`. */
  principal?: string | undefined;
}

/** Options of {@link CredentialStore.issue}. */
export interface IssueOptions {
  /** When they are issued. */
  now: Date;
  /** Lifetime in seconds. */
  durationSeconds: number;
  principal?: string | undefined;
}

/** A mutable set of known credentials, looked up by access key id. */
export interface CredentialStore {
  /** Every stored entry, live: the same array is updated in place (pass it where a list is expected). */
  readonly credentials: readonly StoredCredentials[];
  /** Adds (or replaces, by access key id) long-term or temporary credentials. */
  add(credentials: StoredCredentials): StoredCredentials;
  /** Mints temporary credentials (`ASIA…` key id, secret, session token, expiration) and stores them. */
  issue(options: IssueOptions): StoredCredentials;
  /** The entry for an access key id, expired or not (the verifier decides what expiry means). */
  lookup(accessKeyId: string): StoredCredentials | undefined;
  /** Forgets an access key id. */
  remove(accessKeyId: string): boolean;
}

/**
 * A new store, optionally seeded (e.g. with the long-term keys allowed to call STS AssumeRole).
 *
 * @example
 * ```ts
 * const store = createCredentialStore([{ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "..." }]);
 * const sts = createStsEmulator({ store });
 * const bedrock = createEmulator({ credentials: store.credentials });
 * ```
 */
export function createCredentialStore(initial: readonly StoredCredentials[] = []): CredentialStore {
  const list: StoredCredentials[] = [];
  const byId = new Map<string, StoredCredentials>();
  const store: CredentialStore = {
    credentials: list,
    add(credentials) {
      const entry = { ...credentials };
      const old = byId.get(entry.accessKeyId);
      if (old) list.splice(list.indexOf(old), 1, entry);
      else list.push(entry);
      byId.set(entry.accessKeyId, entry);
      return entry;
    },
    issue({ now, durationSeconds, principal }) {
      const entry: StoredCredentials = {
        accessKeyId: "ASIA" + randomAlphabet(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
        secretAccessKey: randomAlphabet(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
        sessionToken: "IQoJb3JpZ2luX2Vj" + randomAlphabet(280, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
        // Whole seconds, as the services report them.
        expiration: new Date(Math.floor(now.getTime() / 1000) * 1000 + durationSeconds * 1000),
      };
      if (principal !== undefined) entry.principal = principal;
      return store.add(entry);
    },
    lookup(accessKeyId) {
      return byId.get(accessKeyId);
    },
    remove(accessKeyId) {
      const old = byId.get(accessKeyId);
      if (!old) return false;
      byId.delete(accessKeyId);
      list.splice(list.indexOf(old), 1);
      return true;
    },
  };
  for (const c of initial) store.add(c);
  return store;
}
