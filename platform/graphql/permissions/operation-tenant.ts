import type { ReadStore } from '../../readstore/port';
import type { TenantDeclaration } from './permission-table';

type Args = Readonly<Record<string, unknown>>;

/**
 * The tenant an operation's row declares, found in its arguments; undefined means the caller's
 * own (declared so, shared content, or a referenced item that does not exist — the resolver
 * answers NOT_FOUND for that). Memoised per arguments object, so the shield, the compliance guard
 * and the audit of one call share one lookup.
 */
export class OperationTenants {
  private readonly found = new WeakMap<object, Promise<string | undefined>>();

  constructor(private readonly readStore: Pick<ReadStore, 'collection'>) {}

  of(declaration: TenantDeclaration, args: Args): Promise<string | undefined> {
    let tenant = this.found.get(args);
    if (!tenant) {
      tenant = this.lookUp(declaration, args);
      this.found.set(args, tenant);
    }
    return tenant;
  }

  private async lookUp(declaration: TenantDeclaration, args: Args): Promise<string | undefined> {
    switch (declaration.kind) {
      case 'argument':
      case 'trail':
        return text(valueAt(args, declaration.path));
      case 'owner': {
        const id = text(valueAt(args, declaration.idPath));
        if (id === undefined) return undefined;
        const document = await this.readStore.collection(declaration.collection).get(id);
        return text(document?.tenantId);
      }
      case 'caller':
      case 'shared':
        return undefined;
    }
  }
}

/** `input.tenantId` → args.input.tenantId. */
export function valueAt(args: Args, path: string): unknown {
  let value: unknown = args;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Args)[key];
  }
  return value;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
