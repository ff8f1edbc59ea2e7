// The parts of the WebAssembly JavaScript API the solver kernel uses. Node has them all, but its
// type definitions (@types/node 20) leave them to lib.dom, which a server build does not include.
export {};

declare global {
  namespace WebAssembly {
    interface Module {}
    interface Memory {
      readonly buffer: ArrayBuffer;
      grow(pages: number): number;
    }
    interface Instance {
      readonly exports: Record<string, unknown>;
    }
    type Imports = Record<string, Record<string, unknown>>;
    const Module: { new (bytes: Uint8Array): Module };
    const Instance: { new (module: Module, imports?: Imports): Instance };
  }
}
