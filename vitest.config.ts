import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Says once per run, not once per test file, when ../shared is absent.
    globalSetup: ["test/helpers/global-setup.ts"],
    env: {
      // The AWS SDK, a devDependency that some suites compare against, warns on every run that its releases after
      // January 2027 need Node 22; the variable it reads for this (@aws-sdk/core emitWarningIfUnsupportedVersion)
      // silences it in the test run only.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
  },
});
