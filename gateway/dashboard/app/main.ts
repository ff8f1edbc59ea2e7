import { forecastOf, PLANS_QUERY, plotDataFromAnswers, USAGE_QUERY, type PlansAnswer, type UsageAnswer } from '../dashboard-queries';
import { tenantIdFromPath } from '../dashboard-route';
import { forecastFacts } from '../forecast-facts';
import { readAnswer, type DashboardAnswer } from '../graphql-answer';
import { headersWithoutToken, headersWithToken, normaliseToken, PLAYGROUND_HEADERS_KEY, PLAYGROUND_PERSIST_HEADERS_KEY, tokenFromHeaders } from '../playground-token';
import { DEFAULT_HISTORY_DAYS, usageRange } from '../plot-window';
import { renderForecastSvg } from '../render-forecast-svg';
import { browserPage, pageElement, type FieldElement, type PageElement } from './browser-page';

// The scaling dashboard's script: signs in as the Playground does (playground-token.ts), asks the
// gateway for the tenant's plans and usage, and draws them with the CLI's renderer.

const page = browserPage();
const tenantId = tenantIdFromPath(page.location.pathname);
const signIn = pageElement(page, 'sign-in');
const signInForm = pageElement(page, 'sign-in-form');
const signInMessage = pageElement(page, 'sign-in-message');
const tokenField = pageElement<FieldElement>(page, 'token');
const rememberField = pageElement<FieldElement>(page, 'remember');
const dashboard = pageElement(page, 'dashboard');
const tenantName = pageElement(page, 'tenant');
const resourceField = pageElement<FieldElement>(page, 'resource');
const signOutButton = pageElement(page, 'sign-out');
const status = pageElement(page, 'status');
const chart = pageElement(page, 'chart');
const facts = pageElement(page, 'facts');

/** The Playground's persisted token, or one typed into the sign-in form (kept in this page's memory unless remembered). */
let token: string | null = tokenFromHeaders(page.localStorage.getItem(PLAYGROUND_HEADERS_KEY));
/** A typed token is stored only once the gateway has accepted it, so a mistyped one is never remembered. */
let rememberOnceAccepted = false;
/** Each load's number: an answer to an older load (the resource changed meanwhile) is dropped. */
let latestLoad = 0;

async function graphql<T>(query: string, variables: Readonly<Record<string, unknown>>): Promise<DashboardAnswer<T>> {
  const response = await fetch('/graphql', {
    method: 'POST',
    // The token travels in this header only, as the Playground sends it: never in a URL, and no
    // cookie is sent (credentials: 'omit'), so another site has no ambient credential to ride on.
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    credentials: 'omit',
  });
  const body: unknown = await response.json().catch(() => null);
  return readAnswer<T>(response.status, body);
}

async function load(): Promise<void> {
  if (!tenantId) return void (status.textContent = 'This address names no tenant: open /dashboard/scaling/<tenant id>.');
  if (!token) return showSignIn('Sign in to see this tenant’s scaling.');
  const thisLoad = ++latestLoad;
  const resourceType = resourceField.value;
  showDashboard(`Loading ${resourceType}…`);
  try {
    const plans = await graphql<PlansAnswer>(PLANS_QUERY, { tenantId, resourceType });
    if (thisLoad !== latestLoad) return;
    if (plans.kind !== 'data') return refused(plans);
    rememberAcceptedToken();
    const { from, to } = usageRange(forecastOf(plans.data), new Date(), DEFAULT_HISTORY_DAYS);
    const usage = await graphql<UsageAnswer>(USAGE_QUERY, { tenantId, resourceType, from: from.toISOString(), to: to.toISOString() });
    if (thisLoad !== latestLoad) return;
    if (usage.kind !== 'data') return refused(usage);
    const data = plotDataFromAnswers(tenantId, resourceType, plans.data, usage.data);
    tenantName.textContent = data.tenantLabel;
    page.document.title = `Scaling · ${data.tenantLabel}`;
    // renderForecastSvg escapes every text it draws: the markup holds no data as it came.
    chart.innerHTML = renderForecastSvg(data, { historyDays: DEFAULT_HISTORY_DAYS });
    facts.replaceChildren(...forecastFacts(data).flatMap(({ term, detail }) => [textElement('dt', term), textElement('dd', detail)]));
    status.textContent = '';
  } catch (error) {
    if (thisLoad === latestLoad) showFailure(`The gateway could not be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function refused(answer: Exclude<DashboardAnswer<unknown>, { kind: 'data' }>): void {
  if (answer.kind === 'failed') return showFailure(answer.message);
  token = null;
  rememberOnceAccepted = false;
  showSignIn(answer.message);
}

function rememberAcceptedToken(): void {
  if (!rememberOnceAccepted || !token) return;
  rememberOnceAccepted = false;
  page.localStorage.setItem(PLAYGROUND_HEADERS_KEY, headersWithToken(page.localStorage.getItem(PLAYGROUND_HEADERS_KEY), token));
  // GraphiQL reads its Headers tab back from storage only while this is "true".
  page.localStorage.setItem(PLAYGROUND_PERSIST_HEADERS_KEY, 'true');
}

/** Drops the token from this page, and from the Playground's stored headers when it is the one stored there. */
function signOut(): void {
  const stored = page.localStorage.getItem(PLAYGROUND_HEADERS_KEY);
  if (token && tokenFromHeaders(stored) === token) {
    const others = headersWithoutToken(stored);
    if (others === null) page.localStorage.removeItem(PLAYGROUND_HEADERS_KEY);
    else page.localStorage.setItem(PLAYGROUND_HEADERS_KEY, others);
  }
  token = null;
  latestLoad++;
  showSignIn('Signed out.');
}

/** The sign-in prompt, and nothing of the tenant's data. */
function showSignIn(message: string): void {
  clearData();
  dashboard.hidden = true;
  signOutButton.hidden = true;
  signIn.hidden = false;
  signInMessage.textContent = message;
  tokenField.focus();
}

function showDashboard(message: string): void {
  signIn.hidden = true;
  dashboard.hidden = false;
  signOutButton.hidden = false;
  status.textContent = message;
}

function showFailure(message: string): void {
  clearData();
  status.textContent = message;
}

function clearData(): void {
  chart.innerHTML = '';
  facts.replaceChildren();
}

function textElement(tag: string, text: string): PageElement {
  const element = page.document.createElement(tag);
  element.textContent = text;
  return element;
}

signInForm.addEventListener('submit', (event) => {
  // The form is never submitted: the token must not become part of a request the browser builds itself.
  event.preventDefault();
  const typed = normaliseToken(tokenField.value);
  tokenField.value = '';
  if (!typed) return void (signInMessage.textContent = 'That is not a platform token: paste the token itself, with or without “Bearer ”.');
  token = typed;
  rememberOnceAccepted = rememberField.checked;
  void load();
});
resourceField.addEventListener('change', () => void load());
signOutButton.addEventListener('click', signOut);
// The id is in the address already; the name replaces it once the gateway has answered.
tenantName.textContent = tenantId;
void load();
