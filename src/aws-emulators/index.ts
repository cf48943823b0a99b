/**
 * @module
 * Local stand-ins for the AWS services that hand out credentials — STS (AssumeRole with SigV4 verification,
 * AssumeRoleWithWebIdentity, GetCallerIdentity), Cognito Identity, the IAM Identity Center portal, the ECS / EKS Pod
 * Identity container endpoint and EC2 instance metadata (IMDSv2) — each a web handler `(Request) => Promise<Response>`
 * answering in the service's documented format, errors included. They share a {@link CredentialStore} with each
 * other and with the Bedrock emulator, so credentials they issue are accepted there. For tests and demos only.
 */
export {
  createCredentialStore,
  type CredentialStore,
  type IssueOptions,
  type StoredCredentials,
} from "./credential-store";
export { createStsEmulator, stsErrorResponse, type StsCall, type StsEmulator, type StsEmulatorOptions, type StsFault } from "./sts";
export {
  createCognitoIdentityEmulator,
  type CognitoIdentityEmulator,
  type CognitoIdentityEmulatorOptions,
  type CognitoPool,
} from "./cognito-identity";
export { createSsoPortalEmulator, type SsoPortalEmulator, type SsoPortalEmulatorOptions, type SsoSession } from "./sso-portal";
export {
  createContainerCredentialsEmulator,
  type ContainerCredentialsEmulator,
  type ContainerCredentialsEmulatorOptions,
} from "./container";
export {
  createInstanceMetadataEmulator,
  type InstanceMetadataEmulator,
  type InstanceMetadataEmulatorOptions,
} from "./imds";
export { verifyHeaderSignature, type VerifyResult } from "./verify-sigv4";
