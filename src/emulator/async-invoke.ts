/**
 * StartAsyncInvoke / GetAsyncInvoke / ListAsyncInvokes with in-memory state per emulator. A job reports
 * `InProgress` on its first GetAsyncInvoke and `Completed` from then on, so a client's polling loop runs exactly
 * once around. The same `clientRequestToken` returns the same job (idempotency).
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_StartAsyncInvoke.html
 */
import { validation } from "./aws-error";
import { jsonResponse, type OperationContext } from "./context";
import { isObject } from "./families/common";
import { stableId } from "./generate";
import { requireModel } from "./model-access";

interface Job {
  invocationArn: string;
  modelArn: string;
  clientRequestToken: string | undefined;
  status: "InProgress" | "Completed";
  submitTime: string;
  lastModifiedTime: string;
  endTime?: string;
  outputDataConfig: unknown;
  polled: boolean;
}

function summary(job: Job): Record<string, unknown> {
  const { polled: _polled, clientRequestToken, ...rest } = job;
  return clientRequestToken === undefined ? rest : { ...rest, clientRequestToken };
}

/** The async-invoke operations over one in-memory job table. */
export function createAsyncInvokeStore() {
  const jobs: Job[] = [];
  return {
    start(ctx: OperationContext): Response {
      const { body } = ctx;
      const modelId = typeof body.modelId === "string" ? body.modelId : "";
      if (modelId === "" || !isObject(body.modelInput) || !isObject(body.outputDataConfig)) {
        throw validation("1 validation error detected: modelId, modelInput and outputDataConfig are required");
      }
      const s3 = body.outputDataConfig.s3OutputDataConfig;
      if (!isObject(s3) || typeof s3.s3Uri !== "string" || !s3.s3Uri.startsWith("s3://")) {
        throw validation("1 validation error detected: Value at 'outputDataConfig.s3OutputDataConfig.s3Uri' failed to satisfy constraint: Member must satisfy regular expression pattern: s3://...");
      }
      requireModel(modelId, ctx.lenient);
      const token = typeof body.clientRequestToken === "string" ? body.clientRequestToken : undefined;
      const existing = token === undefined ? undefined : jobs.find((j) => j.clientRequestToken === token);
      if (existing) return jsonResponse({ invocationArn: existing.invocationArn }, ctx.requestId);
      const id = stableId(`${ctx.requestId}/${jobs.length}`, 12).toLowerCase();
      const time = ctx.now.toISOString();
      const job: Job = {
        invocationArn: `arn:aws:bedrock:${ctx.region}:123456789012:async-invoke/${id}`,
        modelArn: modelId.startsWith("arn:") ? modelId : `arn:aws:bedrock:${ctx.region}::foundation-model/${modelId}`,
        clientRequestToken: token,
        status: "InProgress",
        submitTime: time,
        lastModifiedTime: time,
        outputDataConfig: { s3OutputDataConfig: { s3Uri: `${s3.s3Uri.replace(/\/$/, "")}/${id}` } },
        polled: false,
      };
      jobs.push(job);
      return jsonResponse({ invocationArn: job.invocationArn }, ctx.requestId);
    },
    get(ctx: OperationContext, arn: string): Response {
      const job = jobs.find((j) => j.invocationArn === arn);
      if (!job) throw validation(`Invocation with ARN ${arn} not found.`);
      if (job.polled && job.status === "InProgress") {
        job.status = "Completed";
        job.lastModifiedTime = job.endTime = ctx.now.toISOString();
      }
      job.polled = true;
      return jsonResponse(summary(job), ctx.requestId);
    },
    list(ctx: OperationContext, query: URLSearchParams): Response {
      const status = query.get("statusEquals");
      const max = Number(query.get("maxResults") ?? "1000");
      const start = Number(query.get("nextToken") ?? "0");
      let list = jobs.filter((j) => status === null || j.status === status);
      if (query.get("sortOrder") !== "Ascending") list = [...list].reverse();
      const page = list.slice(start, start + max);
      const next = start + max < list.length ? String(start + max) : undefined;
      return jsonResponse({ asyncInvokeSummaries: page.map(summary), ...(next ? { nextToken: next } : {}) }, ctx.requestId);
    },
  };
}
