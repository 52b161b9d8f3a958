/*
 * Records every webRequest and webNavigation event into `globalThis.events` (read it from the service worker in
 * Chromium; in Firefox, where the background page is out of the test's reach, bridge.js hands it to a page).
 * Kept: ids, frame and document fields, status, the NAMES of the headers, and the values of the few headers
 * that tell the auth story (challenges, Location, Access-Control-Allow-Origin). Of Authorization and
 * Proxy-Authorization only the scheme word is kept. No build step: plain JavaScript for both browsers.
 *
 * Passive unless told otherwise: `answerAuthWith({ username, password })` adds a blocking onAuthRequired
 * listener that answers each challenge once with those credentials, as a person at the sign-in dialog would
 * (the dialog comes only after the extensions' onAuthRequired listeners). Browser drivers answer through
 * DevTools/BiDi instead, and that hides onAuthRequired from extensions in Chromium.
 */
const api = globalThis.browser ?? globalThis.chrome;

function startList() {
  // A restarted worker starts a new list: its first entry tells a reader which instance it is reading.
  globalThis.events = [{ event: 'recorder.started', instance: Math.random().toString(36).slice(2, 10), timeStamp: Date.now() }];
}
startList();

// For bridge.js (Firefox): hand the events to a content script, which puts them into its page.
// Registered first, so a failure further down can still be read (as a recorder.error event).
api.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (message?.type === 'recorder.answerAuthWith') {
    sendResponse({ ok: globalThis.answerAuthWith(message.credentials) });
    return true;
  }
  if (message?.type === 'recorder.events') {
    sendResponse({ events: globalThis.events });
    return true;
  }
  if (message?.type === 'recorder.clear') {
    startList();
    sendResponse({ ok: true });
    return true;
  }
  return false;
});

const VALUE_HEADERS = new Set(['www-authenticate', 'proxy-authenticate', 'location', 'access-control-allow-origin']);
const SCHEME_HEADERS = new Set(['authorization', 'proxy-authorization']);
const FIELDS = [
  'requestId', 'url', 'method', 'type', 'tabId', 'frameId', 'parentFrameId', 'documentId', 'parentDocumentId',
  'documentLifecycle', 'frameType', 'initiator', 'originUrl', 'documentUrl', 'frameAncestors', 'thirdParty',
  'statusCode', 'statusLine', 'fromCache', 'ip', 'redirectUrl', 'error', 'isProxy', 'scheme', 'realm', 'challenger',
  'proxyInfo', 'transitionType', 'transitionQualifiers', 'timeStamp',
];

function headerFacts(headers) {
  if (!headers) return undefined;
  const names = [];
  const values = {};
  for (const { name, value } of headers) {
    const lower = name.toLowerCase();
    names.push(name);
    if (VALUE_HEADERS.has(lower)) (values[lower] ??= []).push(value ?? '');
    if (SCHEME_HEADERS.has(lower)) (values[lower] ??= []).push(String(value ?? '').trim().split(/\s+/)[0] ?? '');
  }
  return { names, values };
}

function record(event, details) {
  const entry = { event };
  for (const field of FIELDS) if (details[field] !== undefined) entry[field] = details[field];
  // Firefox: a proxy.onRequest answer may carry a Proxy-Authorization value; keep its scheme only.
  if (entry.proxyInfo?.proxyAuthorizationHeader) {
    entry.proxyInfo = { ...entry.proxyInfo, proxyAuthorizationHeader: String(entry.proxyInfo.proxyAuthorizationHeader).trim().split(/\s+/)[0] };
  }
  const request = headerFacts(details.requestHeaders);
  if (request) {
    entry.requestHeaderNames = request.names;
    if (Object.keys(request.values).length) entry.requestHeaders = request.values;
  }
  const response = headerFacts(details.responseHeaders);
  if (response) {
    entry.responseHeaderNames = response.names;
    if (Object.keys(response.values).length) entry.responseHeaders = response.values;
  }
  globalThis.events.push(entry);
}

function problem(where, error) {
  globalThis.events.push({ event: 'recorder.error', error: `${where}: ${error}` });
}

const wr = api.webRequest;
const filter = { urls: ['<all_urls>'] };
// Chrome shows Cookie, Authorization, CORS preflights etc. only with 'extraHeaders'; Firefox has no such option.
const extra = (options) => (options && options.EXTRA_HEADERS ? [options.EXTRA_HEADERS] : []);
const listeners = [
  ['onBeforeRequest', []],
  ['onBeforeSendHeaders', ['requestHeaders', ...extra(wr.OnBeforeSendHeadersOptions)]],
  ['onSendHeaders', ['requestHeaders', ...extra(wr.OnSendHeadersOptions)]],
  ['onHeadersReceived', ['responseHeaders', ...extra(wr.OnHeadersReceivedOptions)]],
  ['onAuthRequired', ['responseHeaders', ...extra(wr.OnAuthRequiredOptions)]],
  ['onBeforeRedirect', ['responseHeaders', ...extra(wr.OnBeforeRedirectOptions)]],
  ['onResponseStarted', ['responseHeaders', ...extra(wr.OnResponseStartedOptions)]],
  ['onCompleted', ['responseHeaders', ...extra(wr.OnCompletedOptions)]],
  ['onErrorOccurred', [...extra(wr.OnErrorOccurredOptions)]],
];
for (const [name, spec] of listeners) {
  const listener = (details) => record(name, details);
  try {
    // Firefox takes no third argument at all where it has no options (onErrorOccurred).
    if (spec.length) wr[name].addListener(listener, filter, spec);
    else wr[name].addListener(listener, filter);
  } catch (error) {
    // An option this browser does not know: listen without it, and say so in the record.
    problem(name, error);
    try {
      const plain = spec.filter((s) => s === 'requestHeaders' || s === 'responseHeaders');
      if (plain.length) wr[name].addListener(listener, filter, plain);
      else wr[name].addListener(listener, filter);
    } catch (again) {
      problem(name, again);
    }
  }
}

for (const name of ['onBeforeNavigate', 'onCommitted', 'onCompleted', 'onErrorOccurred']) {
  try {
    api.webNavigation[name].addListener((details) => record(`nav.${name}`, details));
  } catch (error) {
    problem(`webNavigation.${name}`, error);
  }
}

let answering = null;
const answered = new Set();
globalThis.answerAuthWith = (credentials) => {
  if (!answering) {
    const listener = (details, callback) => {
      // Once per request and challenger: a second challenge means the credentials were refused.
      const key = `${details.requestId} ${details.isProxy ? 'proxy' : 'server'}`;
      const answer = answered.has(key) || !answering ? {} : { authCredentials: answering };
      answered.add(key);
      globalThis.events.push({ event: 'recorder.answeredAuth', requestId: details.requestId, url: details.url, answered: 'authCredentials' in answer, timeStamp: details.timeStamp });
      if (callback) callback(answer);
      return answer;
    };
    // Chrome: asyncBlocking with a callback; Firefox: blocking, the listener's return value.
    if (wr.OnAuthRequiredOptions?.ASYNC_BLOCKING) wr.onAuthRequired.addListener(listener, filter, ['asyncBlocking']);
    else wr.onAuthRequired.addListener((details) => listener(details, null), filter, ['blocking']);
  }
  answering = credentials;
  return true;
};
