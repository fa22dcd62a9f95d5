import { outboundSigningSecretTest, outboundSigningSecretTestName } from '../../shared/signing/n8nCredentialTest';

export const credentialTest = { [outboundSigningSecretTestName]: outboundSigningSecretTest };
