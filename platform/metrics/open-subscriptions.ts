import { subscriptionsOpen } from './metrics';

/** Counts a subscription as open until the answered function first runs, which then runs `then`. */
export function subscriptionOpened(subscription: string, then: () => void): () => void {
  subscriptionsOpen.inc({ subscription });
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    subscriptionsOpen.dec({ subscription });
    then();
  };
}
