/**
 * LiteLLM's names for connection and auth settings, accepted by the one-shot calls and the proxy config. They
 * configure the client and are never sent to a model: the mappers treat them as known, not provider-specific.
 */
export const LITELLM_AUTH_PARAMS: readonly string[] = [
  "aws_access_key_id",
  "aws_secret_access_key",
  "aws_session_token",
  "aws_region_name",
  "aws_session_name",
  "aws_profile_name",
  "aws_role_name",
  "aws_web_identity_token",
  "aws_sts_endpoint",
  "aws_external_id",
  "aws_bedrock_runtime_endpoint",
  "api_key",
  "allow_insecure_endpoint",
];
