/**
 * Raw loopback clients for the server-hardening suites: TCP sockets that send exactly the bytes a test names (and
 * can end with a TCP reset), and a small HTTP/2 client.
 */
import { connect as connectHttp2, type ClientHttp2Session } from "node:http2";
import { connect, type Socket } from "node:net";

/** A connected raw socket; `closed` resolves when the server (or the test) closes it; `received` is what came back. */
export interface RawSocket {
  socket: Socket;
  closed: Promise<void>;
  received(): string;
}

export function openRaw(url: string): Promise<RawSocket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = "";
    socket.on("data", (d: Buffer) => (text += d.toString("latin1")));
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.once("connect", () => {
      socket.off("error", reject);
      socket.on("error", () => {}); // a reset from the server is an expected ending here
      resolve({ socket, closed, received: () => text });
    });
    socket.once("error", reject);
  });
}

/** Lets the loopback deliver what was written (pacing, not a timing assertion). */
export const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/** Connects, writes `bytes`, lets them arrive, then sends a TCP RST. */
export async function resetAfter(url: string, bytes = ""): Promise<void> {
  const raw = await openRaw(url);
  if (bytes) raw.socket.write(bytes);
  await settle();
  raw.socket.resetAndDestroy();
  await raw.closed;
}

/** Writes `text` and collects the answer until the server closes the connection. */
export async function rawExchange(url: string, text: string): Promise<string> {
  const raw = await openRaw(url);
  raw.socket.write(text);
  await raw.closed;
  return raw.received();
}

/** Status line, headers (lower-cased) and body of a raw HTTP/1.1 answer with a content-length. */
export function parseRaw(text: string): { status: number; headers: Record<string, string>; body: string } {
  const end = text.indexOf("\r\n\r\n");
  const [line, ...fields] = text.slice(0, end).split("\r\n");
  const headers: Record<string, string> = {};
  for (const field of fields) {
    const colon = field.indexOf(":");
    headers[field.slice(0, colon).toLowerCase()] = field.slice(colon + 1).trim();
  }
  return { status: Number(line!.split(" ")[1]), headers, body: text.slice(end + 4) };
}

/** One HTTP/2 request on its own session (prior knowledge, cleartext); `socket` lets a test reach the raw TCP socket. */
export async function http2Request(
  url: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; body: string }> {
  const session = connectHttp2(url);
  session.on("error", () => {});
  try {
    return await new Promise((resolve, reject) => {
      const stream = session.request({ ":path": "/", ...headers }, { endStream: body === undefined });
      let status = 0;
      let text = "";
      stream.on("response", (h) => (status = Number(h[":status"])));
      stream.on("data", (d: Buffer) => (text += d.toString()));
      stream.on("end", () => resolve({ status, body: text }));
      stream.on("error", reject);
      if (body !== undefined) stream.end(body);
    });
  } finally {
    session.close();
  }
}

/** An HTTP/2 session over a raw socket the test keeps (to reset it). */
export async function http2OverRaw(url: string): Promise<{ session: ClientHttp2Session; raw: RawSocket }> {
  const raw = await openRaw(url);
  const session = connectHttp2(url, { createConnection: () => raw.socket });
  session.on("error", () => {});
  return { session, raw };
}

/** Whether a new TCP connection to `url` is refused. */
export function refused(url: string): Promise<boolean> {
  return openRaw(url).then(
    (raw) => {
      raw.socket.destroy();
      return false;
    },
    () => true,
  );
}
