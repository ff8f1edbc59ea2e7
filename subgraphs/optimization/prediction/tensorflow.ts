import * as tf from '@tensorflow/tfjs';

// Production mode skips tfjs's per-op debug checks and its note recommending @tensorflow/tfjs-node,
// whose install downloads a native library that cannot be fetched on these machines (README, Dependencies).
tf.enableProdMode();

let backend: Promise<boolean> | undefined;

/** tfjs on its pure-JavaScript CPU backend, chosen outright so it never probes for WebGL first. */
export async function tensorflow(): Promise<typeof tf> {
  backend ??= tf.setBackend('cpu');
  await backend;
  return tf;
}

export type { tf };
