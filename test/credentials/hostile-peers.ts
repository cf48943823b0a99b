/**
 * Misbehaving credential endpoints for the credentials suites, as wrappers around the web-handler emulators: a peer
 * that accepts a request and never answers, one that sends its headers and stalls mid-body, one that answers with an
 * endless body, one that redirects, and one that echoes the whole request back in an error answer.
 */

export type Handler = (request: Request) => Promise<Response>;

/** How a {@link stallable} peer treats the requests it matches. */
export type StallMode = "answer" | "stall" | "stall-body";

/** A peer whose matching requests can be made to stall; it counts them and the hang-ups it sees. */
export interface Stallable {
  handler: Handler;
  mode: StallMode;
  /** Requests that were stalled. */
  stalled: number;
  /** Stalled requests whose client went away (the socket closed): the library cancelled them. */
  hungUp: number;
}

/** Wraps `inner`; requests for which `match` holds are stalled while `mode` says so. */
export function stallable(inner: Handler, match: (request: Request) => boolean = () => true): Stallable {
  const held = new Set<AbortSignal>();
  const peer: Stallable = {
    mode: "answer",
    stalled: 0,
    hungUp: 0,
    handler: async (request) => {
      if (peer.mode === "answer" || !match(request)) return inner(request);
      peer.stalled++;
      // The adapter aborts the request's signal when the client closes the connection. The signal is held until
      // then: a Request's signal follows the adapter's through a weak reference, so once nothing else refers to the
      // request, garbage collection would otherwise drop it and the hang-up would never be seen.
      const signal = request.signal;
      held.add(signal);
      const gone = new Promise<void>((resolve) => signal.addEventListener("abort", () => {
        held.delete(signal);
        peer.hungUp++;
        resolve();
      }, { once: true }));
      if (peer.mode === "stall") {
        await gone;
        return new Response(null, { status: 599 });
      }
      // Headers and the first bytes of a plausible answer now, the rest never.
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('<?xml version="1.0"?>\n{"pending": '));
        },
      });
      return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    },
  };
  return peer;
}

/** A peer whose answer is an endless body, sent slowly enough not to flood memory when nobody caps it. */
export function endless(status = 200): Handler & { cancelled: () => boolean } {
  let cancelled = false;
  const handler = async () => new Response(new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      controller.enqueue(new Uint8Array(16 * 1024).fill(0x41));
    },
    cancel() {
      cancelled = true;
    },
  }), { status, headers: { "content-type": "text/xml" } });
  return Object.assign(handler, { cancelled: () => cancelled });
}

/** A peer that answers every request with a redirect to `location`. */
export function redirecting(location: string, status = 307): Handler {
  return async () => new Response(null, { status, headers: { location } });
}

/** Everything a request carried, as text: method, URL, every header and the body. */
export async function dumpRequest(request: Request): Promise<string> {
  const headers: string[] = [];
  request.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
  return `${request.method} ${request.url}\n${headers.join("\n")}\n\n${await request.text()}`;
}

/** Counts the requests a handler receives (for "the second server received nothing"). */
export function recording(inner: Handler = async () => new Response("{}")): Handler & { requests: string[] } {
  const requests: string[] = [];
  const handler = async (request: Request) => {
    requests.push(await dumpRequest(request.clone()));
    return inner(request);
  };
  return Object.assign(handler, { requests });
}

/** Polls `check` until it holds (no assertion on how long that takes). */
export async function waitFor(check: () => boolean, what = "condition"): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`gave up waiting for ${what}`);
}
