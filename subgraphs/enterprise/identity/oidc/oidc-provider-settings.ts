/** How Goliath trusts one OpenID Connect provider's id tokens. */
export interface OidcProviderSettings {
  /** Exactly as the provider publishes it (the tokens' `iss`), e.g. `https://login.example.com/realms/acme`. */
  readonly issuer: string;
  readonly clientId: string;
  /** The `aud` the tokens must carry; defaults to `clientId`. */
  readonly audience?: string;
  /** Skips discovery when set; otherwise read from `${issuer}/.well-known/openid-configuration`. */
  readonly jwksUri?: string;
  /** Tolerance for `exp`/`nbf` between Goliath's clock and the provider's. */
  readonly clockSkewSeconds: number;
  /** Claim holding the user's groups (array or space-separated string); defaults to `groups`. */
  readonly groupsClaim?: string;
}
