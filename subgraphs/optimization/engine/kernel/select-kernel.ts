import { jsKernel } from './js-kernel';
import type { KernelName, SolverKernel } from './kernel-state';
import { kernelModule, kernelWasmPath, wasmKernel } from './wasm-kernel';

/** SOLVER_KERNEL: `auto` runs WebAssembly when the module is built, JavaScript otherwise. */
export type KernelPreference = KernelName | 'auto';

let preference: KernelPreference = 'auto';
let threadWasmKernel: SolverKernel | undefined;

/** Sets the kernel solves use unless they name one; `wasm` fails at once when the module is not built. */
export function preferKernel(choice: KernelPreference): void {
  if (choice === 'wasm') requireModule();
  preference = choice;
}

/** The kernel a solve uses when its options do not name one. */
export function defaultKernelName(): KernelName {
  return preference === 'js' || (preference === 'auto' && !kernelModule()) ? 'js' : 'wasm';
}

/** This thread's kernel of that name (the WebAssembly one is instantiated once per thread). */
export function kernelNamed(name: KernelName): SolverKernel {
  if (name === 'js') return jsKernel;
  threadWasmKernel ??= wasmKernel(requireModule());
  return threadWasmKernel;
}

function requireModule(): WebAssembly.Module {
  const module = kernelModule();
  if (!module) throw new Error(`the WebAssembly solver kernel is not built (${kernelWasmPath()} is missing): run \`npm run build\`, or set SOLVER_KERNEL=js`);
  return module;
}
