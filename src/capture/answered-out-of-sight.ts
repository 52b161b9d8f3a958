import { originOf } from './redact-url';
import type { RefusalRecord } from './types';

/** A Basic or Digest challenge among the header's challenges (the schemes a browser answers with a password). */
const PASSWORD_CHALLENGE = /(?:^|,)\s*(?:basic|digest)(?:\s|,|$)/i;

/** Requests the browser asks a person's password for when it has none: pages, frames, the page's own API calls. */
function canAsk(record: RefusalRecord): boolean {
  if (record.resourceType === 'main_frame' || record.resourceType === 'sub_frame') return true;
  return record.resourceType === 'xmlhttprequest' && record.initiator !== null && originOf(record.url) === record.initiator;
}

/**
 * Chromium answers a Basic or Digest challenge by itself with credentials it holds (given by the page's
 * XMLHttpRequest `open(method, url, async, user, password)`, typed in the address, or by a driver), with no
 * second round of events and no `Authorization` shown to any listener; when it holds none, it asks:
 * `onAuthRequired` fires (recorded: tests/fixtures/event-sequences/chromium, apache-dav-xhr-wrong-password
 * and nginx-basic-wrong-password against nginx-basic-no-credentials and nginx-api-fetch-401). So a request
 * of a kind the browser asks for, refused in the end in one round with a password challenge, with nothing
 * visible sent and without the browser asking anyone, was answered with a password that was refused.
 * Only for Chromium: Firefox shows its answer as a second round (`retriedByBrowser`).
 */
export function answeredOutOfSight(record: RefusalRecord, browserAsked: boolean): boolean {
  if (browserAsked || record.status !== 401 || record.sent.authorizationScheme !== null || record.preflight) return false;
  return canAsk(record) && record.challenges.some((challenge) => PASSWORD_CHALLENGE.test(challenge));
}
