/** What Goliath needs to know about one tenant's SAML identity provider, and about itself as the SP. */
export interface SamlProviderSettings {
  /** The IdP's entity id: the `Issuer` every accepted assertion must carry. */
  readonly idpEntityId: string;
  /** Where the browser is sent with the AuthnRequest (HTTP-Redirect binding). */
  readonly ssoUrl: string;
  /** PEM certificates whose keys may sign; several while the IdP rolls its signing certificate over. */
  readonly signingCertificates: readonly string[];
  /** Goliath's entity id for this provider: the only `Audience` accepted. */
  readonly spEntityId: string;
  /** Goliath's assertion consumer service URL: the expected `Destination` and `Recipient`. */
  readonly acsUrl: string;
  /** How far the IdP's clock may be from ours when NotBefore / NotOnOrAfter are checked. */
  readonly clockSkewMs: number;
  /** Attribute names to read, when the IdP does not use one of the usual names. */
  readonly attributeNames?: {
    readonly email?: string;
    readonly displayName?: string;
    readonly groups?: string;
  };
}
