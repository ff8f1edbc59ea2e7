// Monaco asks for a worker per language; the build bundles each one as its own file and passes
// their hashed URLs in, so no worker is ever fetched from a CDN (GraphiQL's default setup uses esm.sh).
declare const __PLAYGROUND_WORKER_FILES__: Record<'editor.worker' | 'json.worker' | 'graphql.worker', string>;

const workerUrl = (label: string): string => {
  switch (label) {
    case 'json':
      return __PLAYGROUND_WORKER_FILES__['json.worker'];
    case 'graphql':
      return __PLAYGROUND_WORKER_FILES__['graphql.worker'];
    default:
      return __PLAYGROUND_WORKER_FILES__['editor.worker'];
  }
};

(self as unknown as { MonacoEnvironment: { getWorker(workerId: string, label: string): Worker } }).MonacoEnvironment = {
  getWorker: (_workerId, label) => new Worker(workerUrl(label), { name: label }),
};
