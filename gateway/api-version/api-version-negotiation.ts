import type { ApiVersionSettings } from '../../platform/config';
import { ErrorCode, platformError } from '../../platform/errors';

/** The request header naming the API major version a client was written against. */
export const API_VERSION_HEADER = 'goliath-api-version';

export type ApiVersionNegotiation =
  | { readonly supported: true; readonly version: number; readonly requestedByClient: boolean }
  | { readonly supported: false; readonly requested: string };

/** A missing header means the current version; anything else must name a supported major. */
export function negotiateApiVersion(header: string | undefined, settings: ApiVersionSettings): ApiVersionNegotiation {
  if (header === undefined || header.trim() === '') return { supported: true, version: settings.current, requestedByClient: false };
  const requested = header.trim();
  const version = /^\d+$/.test(requested) ? Number(requested) : Number.NaN;
  return settings.supported.includes(version) ? { supported: true, version, requestedByClient: true } : { supported: false, requested };
}

/** UNSUPPORTED_API_VERSION, HTTP 400, listing what the client may send instead. */
export function unsupportedApiVersion(requested: string, settings: ApiVersionSettings) {
  const supported = settings.supported.join(', ');
  return platformError(
    ErrorCode.UnsupportedApiVersion,
    `API version "${requested}" is not supported. Send Goliath-Api-Version with one of: ${supported} (current: ${settings.current}).`,
    { requestedVersion: requested, supportedVersions: settings.supported, currentVersion: settings.current, http: { status: 400 } },
  );
}
