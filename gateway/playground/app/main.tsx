import './monaco-workers';
import 'graphiql/style.css';
import './playground.css';
import { GraphiQL } from 'graphiql';
import { useCallback, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createHeaderAwareFetcher, headersKey } from './header-aware-fetcher';

const DEFAULT_QUERY = `# Goliath Playground
#
# Every operation needs a platform token. Print one with
#   npm run -s token -- --role PLATFORM_ADMIN
# and set it in the Headers tab below:
#   { "Authorization": "Bearer <token>" }
# The schema (docs, completion) loads once it is set.
# Subscriptions use the same headers over WebSocket.

query Tenants {
  tenants(first: 5) {
    edges {
      node {
        id
        name
      }
    }
  }
}
`;

const wsProtocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
const sharedFetcher = createHeaderAwareFetcher({
  httpUrl: `${location.origin}/graphql`,
  subscriptionUrl: `${wsProtocol}//${location.host}/graphql`,
});

/** Parses the Headers tab; undefined while the JSON is being typed and not yet valid. */
function parseHeaders(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function Playground() {
  // GraphiQL introspects whenever its fetcher changes. Giving it a new (delegating) fetcher when the
  // headers change means the schema loads as soon as a token is pasted, not only on reload.
  const [credentials, setCredentials] = useState(headersKey({}));
  const debounce = useRef<ReturnType<typeof setTimeout>>(undefined);
  const fetcher = useMemo(() => sharedFetcher.bind(null), [credentials]);
  const onEditHeaders = useCallback((text: string) => {
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => {
      const headers = parseHeaders(text);
      if (headers) setCredentials(headersKey(headers));
    }, 400);
  }, []);

  return (
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={DEFAULT_QUERY}
      defaultEditorToolsVisibility="headers"
      onEditHeaders={onEditHeaders}
    >
      <GraphiQL.Logo>Goliath</GraphiQL.Logo>
    </GraphiQL>
  );
}

const container = document.getElementById('playground');
if (!container) throw new Error('the Playground page has no #playground element');
createRoot(container).render(<Playground />);
