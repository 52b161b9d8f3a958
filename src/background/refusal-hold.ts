import type { SuccessEvent } from '../capture/tab-log';
import { answeredOutOfSight } from '../capture/answered-out-of-sight';
import type { RefusalRecord } from '../capture/types';
import { setBounded } from './bounded-map';
import { HANDSHAKE_GRACE_MS, MAX_ENDED_REMEMBERED } from './worker-limits';

/** Where held refusals go: the TabStore in the worker. */
export interface HoldOutcomes {
  /** A refusal to record now; `recovered` is set when its request succeeded after it. */
  record(tabId: number, record: RefusalRecord): void;
  /** Its request succeeded: earlier refusals of the same URL (released before, or retried) are answered too. */
  answered(tabId: number, success: SuccessEvent): void;
}

/** Refusals of a request that has not ended yet: the browser may still answer it by itself. */
interface Held {
  tabId: number;
  /** The request's redacted URL and method, to recover earlier refusals of the same URL too. */
  url: string;
  method: string;
  records: RefusalRecord[];
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Hold until complete. What real browsers do (recorded in tests/fixtures/event-sequences): when the
 * browser answers a 401/407 by itself (saved credentials, a Digest stale nonce, NTLM/Negotiate
 * rounds, a proxy sign-in) there is no second onHeadersReceived: the success arrives as the end of
 * the same request. So a refusal of a document or API call is held until its request ends: a
 * success makes it recovered (listed, never a warning), a final refusal goes on at once, and one
 * still open after HANDSHAKE_GRACE_MS (a sign-in dialog nobody answered) goes on then (a later
 * success still recovers it). An end delivered before its refusal (a few ms apart at most) is
 * remembered, and judges the refusal as soon as it arrives.
 */
export class RefusalHold {
  private readonly held = new Map<string, Held>();
  /** How recent requests ended (requestId → when they succeeded, or null) whose refusal has not arrived. */
  private readonly ended = new Map<string, number | null>();
  /** Requests the browser asked credentials for (onAuthRequired: a sign-in dialog); kept only where answers are out of sight (Chromium). */
  private readonly asked = new Map<string, true>();

  /** `answersOutOfSight`: the browser answers challenges without a second round of events (Chromium). */
  constructor(
    private readonly outcomes: HoldOutcomes,
    private readonly answersOutOfSight = false,
  ) {}

  /** The browser asked for credentials for this request (onAuthRequired). */
  askedForCredentials(requestId: string): void {
    if (this.answersOutOfSight) setBounded(this.asked, requestId, true, MAX_ENDED_REMEMBERED);
  }

  /** A refusal of a request still in flight. */
  hold(requestId: string, tabId: number, record: RefusalRecord): void {
    if (this.ended.has(requestId)) {
      const successAt = this.ended.get(requestId)!;
      this.ended.delete(requestId);
      if (successAt !== null) record.recovered = { at: successAt, how: 'same-request' };
      this.outcomes.record(tabId, record);
      return;
    }
    const held = this.held.get(requestId);
    if (held) {
      held.records.push(record); // another round of the same handshake (NTLM, Negotiate)
      return;
    }
    const timer = setTimeout(() => this.release(requestId), HANDSHAKE_GRACE_MS);
    this.held.set(requestId, { tabId, url: record.url, method: record.method, records: [record], timer });
  }

  /** The request ended: with a success at `successAt` the browser answered its refusals; with null they stand. */
  end(requestId: string, successAt: number | null): void {
    const held = this.held.get(requestId);
    if (!held) {
      setBounded(this.ended, requestId, successAt, MAX_ENDED_REMEMBERED);
      return;
    }
    this.held.delete(requestId);
    const asked = this.asked.delete(requestId);
    if (held.timer !== null) clearTimeout(held.timer);
    // Refused in the end after several rounds: the browser answered the first and was refused again.
    // The last round is the refusal that stands (the earlier ones were the handshake), recorded once.
    let records = successAt === null && held.records.length > 1 ? [{ ...held.records.at(-1)!, retriedByBrowser: true as const }] : held.records;
    if (successAt === null && this.answersOutOfSight && records.length === 1 && answeredOutOfSight(records[0]!, asked)) {
      records = [{ ...records[0]!, answeredOutOfSight: true }];
    }
    for (const record of records) {
      if (successAt !== null) record.recovered = { at: successAt, how: 'same-request' };
      this.outcomes.record(held.tabId, record);
    }
    // Records released earlier (a dialog answered after the grace time) are in the log already, and
    // earlier refusals of the same URL are answered too (the page retried, the browser signed in).
    if (successAt !== null) this.outcomes.answered(held.tabId, { requestId, method: held.method, url: held.url, timeStamp: successAt });
  }

  /** The grace time ended with the request still open (a sign-in dialog): its refusals go on; a later success still recovers them. */
  private release(requestId: string): void {
    const held = this.held.get(requestId);
    if (!held) return;
    held.timer = null;
    for (const record of held.records) this.outcomes.record(held.tabId, record);
    held.records = [];
  }
}
