/**
 * Wraps a response so that a test sees when its body is cancelled (a client leaving a stream early, an idle
 * timeout): the returned response reads through to the original and calls `onCancel` before cancelling it.
 */
export function observeCancel(response: Response, onCancel: () => void): Response {
  if (response.body === null) return response;
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel(reason) {
        onCancel();
        await reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
