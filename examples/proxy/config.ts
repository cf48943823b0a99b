/**
 * The proxy configuration shared by the recipes: LiteLLM's `config.yaml` written as an object. Every
 * `os.environ/NAME` is read from the runtime's environment (a Workers `env`, `Deno.env`, `Bun.env`).
 */
import type { ProxyConfig } from "bedrock-fetch/proxy";

const aws = {
  aws_access_key_id: "os.environ/AWS_ACCESS_KEY_ID",
  aws_secret_access_key: "os.environ/AWS_SECRET_ACCESS_KEY",
  aws_region_name: "os.environ/AWS_REGION",
};

export const config: ProxyConfig = {
  model_list: [
    { model_name: "bedrock-claude-v1", litellm_params: { model: "bedrock/anthropic.claude-3-haiku-20240307-v1:0", ...aws, temperature: 0.2 } },
    { model_name: "titan-embed", litellm_params: { model: "bedrock/amazon.titan-embed-text-v2:0", ...aws } },
  ],
  general_settings: { master_key: "os.environ/PROXY_MASTER_KEY" },
};
