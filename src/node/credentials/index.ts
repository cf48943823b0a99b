/**
 * @module
 * Node-only credential providers: the shared config and credentials files with profiles (static keys, role
 * chains, web identity token files, credential_process, IAM Identity Center), the web identity token file of EKS,
 * container credentials (ECS, EKS Pod Identity), EC2 instance metadata (IMDSv2), the AWS default chain, and
 * LiteLLM's parameters with profile support. Re-exported by `bedrock-fetch/node`.
 */
export { defaultProvider, type DefaultProviderOptions } from "./default-provider";
export { fromProfile, selectedProfile, type ProfileOptions } from "./from-profile";
export { fromProcess, runCredentialProcess, splitCommandLine, type ProcessOptions } from "./from-process";
export { fromSSO, ssoCacheFileName, type SsoOptions } from "./from-sso";
export { fromTokenFile, type TokenFileOptions } from "./from-token-file";
export { fromContainerMetadata, type ContainerMetadataOptions } from "./from-container";
export { fromInstanceMetadata, type InstanceMetadataOptions } from "./from-instance-metadata";
export {
  loadSharedConfig,
  parseIni,
  sharedConfigPaths,
  type ConfigSection,
  type SharedConfig,
  type SharedConfigOptions,
} from "./shared-config";
export { credentialsFromLiteLLMParams } from "./litellm";
