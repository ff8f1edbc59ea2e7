/**
 * Sent by the Playground with every HTTP request and in its WebSocket's connectionParams. Outside
 * production, TRUSTED_DOCUMENTS=enforce lets it run any document: a developer's convenience, not a
 * boundary (anyone can send the header), which is why production ignores it.
 */
export const PLAYGROUND_HEADER = 'x-goliath-playground';
