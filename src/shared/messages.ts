/**
 * Every message between the extension's contexts, typed both ways.
 * The prefix names the sender: `options:` and `content:` go to the worker.
 * (The popup reads tab state from storage.session directly, so a sleeping worker need not wake; the
 * worker pushes the page marker's view with scripting.executeScript, see page-marker-display.ts.)
 */
import type { TimingEntry } from '../capture/restored-refusal';

export type ToWorker =
  | { type: 'content:open-details' }
  /** From the timing observer put into a page the worker never saw load (background/unwatched-tabs.ts). */
  | { type: 'content:timing-refusals'; entries: TimingEntry[] }
  | { type: 'options:clear-data' };

export interface WorkerReply {
  'content:open-details': undefined;
  'content:timing-refusals': undefined;
  'options:clear-data': undefined;
}

/** The one runtime call every sender needs; each context passes its own runtime object. */
export interface MessageRuntime {
  sendMessage(message: unknown): Promise<unknown>;
}

/** Sends a message to the worker and types its answer by the message's kind. */
export function sendToWorker<M extends ToWorker>(runtime: MessageRuntime, message: M): Promise<WorkerReply[M['type']]> {
  return runtime.sendMessage(message) as Promise<WorkerReply[M['type']]>;
}

const WORKER_MESSAGE_TYPES: ReadonlySet<string> = new Set<ToWorker['type']>(['content:open-details', 'content:timing-refusals', 'options:clear-data']);

/** Narrows an untrusted value to a message the worker knows; anything else is ignored. */
export function isToWorker(value: unknown): value is ToWorker {
  if (typeof value !== 'object' || value === null) return false;
  const { type } = value as { type?: unknown };
  return typeof type === 'string' && WORKER_MESSAGE_TYPES.has(type);
}

