/**
 * workerd entry of the conformance script: a module worker whose fetch handler runs the checks against the emulator
 * named in the `EMULATOR_URL` binding and answers with the JSON report.
 */
import { runConformance } from "../conformance";

export default {
  async fetch(_request: Request, env: { EMULATOR_URL: string }): Promise<Response> {
    const report = await runConformance({ endpoint: env.EMULATOR_URL, runtime: `workerd (${navigator.userAgent})` });
    return Response.json(report);
  },
};
