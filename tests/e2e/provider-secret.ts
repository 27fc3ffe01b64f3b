/** The demo municipality's client secret at the test identity provider: the server's and the provider's. */
export const E2E_PROVIDER_SECRET = "e2e-provider-secret-e2e-provider-secret";
