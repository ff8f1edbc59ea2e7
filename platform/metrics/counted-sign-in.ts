import { BoundedLabel } from './bounded-label';
import { signIns } from './metrics';

const failureCodes = new BoundedLabel(50);

/** Runs one sign-in attempt and counts it by method and outcome; a failure with its error's code. */
export async function countedSignIn<T>(method: string, attempt: () => Promise<T>): Promise<T> {
  try {
    const signedIn = await attempt();
    signIns.inc({ method, outcome: 'success', code: '' });
    return signedIn;
  } catch (error) {
    signIns.inc({ method, outcome: 'failure', code: failureCodes.value(codeOf(error)) });
    throw error;
  }
}

/** A GraphQL error's `extensions.code`, or a domain error's `code`. */
function codeOf(error: unknown): string {
  const { extensions, code } = (typeof error === 'object' && error !== null ? error : {}) as { extensions?: { code?: unknown }; code?: unknown };
  const found = extensions?.code ?? code;
  return typeof found === 'string' ? found : 'INTERNAL_SERVER_ERROR';
}
