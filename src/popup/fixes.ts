/**
 * Every one-click fix and tool the popup offers, one entry each: its button's words, when it
 * applies, and what a click does. Causes name their fixes by id (FixId, in the browser-free
 * diagnosis core); this table gives each id its button. The tools row lists them in this order.
 *
 * Adding a fix: its entry here, its id in FixId (src/diagnosis/cause.ts) when a cause offers it, and
 * its label in public/_locales/{en,de}/messages.json (tests/unit/locales.test.ts reads this table).
 * Browser work goes through PopupActions (connector.ts → site-actions.ts), so the component tests
 * run every fix with the mock connector; a fix that needs a new browser call adds it there.
 */
import { originOf } from '../capture/redact-url';
import { createTabLog } from '../capture/tab-log';
import type { RefusalRecord, TabLog } from '../capture/types';
import type { Translate } from '../diagnosis/translate';
import type { Diagnosis, FixId } from '../diagnosis/types';
import type { ClearPlan } from '../view/cookie-scope';
import type { ProxyReading } from '../view/proxy-setting';
import type { PopupActions } from './connector';
import type { FixResult } from './fix-result';
import type { Platform } from './platform';

export type { FixResult };

/** What a fix knows when it is offered and when it runs. */
export interface FixContext {
  tabId: number;
  /** The page this popup explains: fixes act on its site only (and refuse if the tab has moved). */
  explainedPage: string | null;
  log: TabLog | null;
  diagnosis: Diagnosis;
  /** The refused request the report and the curl line are about, null without one. */
  record: RefusalRecord | null;
  /** The https address of the tab's page; null when it is not on plain http, or not known yet. */
  https: string | null;
  /** Where the popup runs: Firefox for Android lacks what some fixes need (UNAVAILABLE_ON_ANDROID). */
  platform: Platform;
  actions: PopupActions;
  t: Translate;
  /** Shows what "Clear" will delete, for the person to confirm or cancel (FixFeedback). */
  askToConfirmClear(plan: ClearPlan): void;
  /** The browser's proxy setting, just read: the checklist shows it too. */
  onProxyRead(reading: ProxyReading): void;
}

export interface Fix<Id extends string = string> {
  id: Id;
  /** Its button's words (a message key). */
  label: string;
  /** Whether it applies here; always, when absent. */
  available?(context: FixContext): boolean;
  /**
   * The click's work, called at once from the click handler. A permission request must be its first
   * call, before any `await`: Firefox refuses one made after the handler has returned (see
   * askPermissions in site-actions.ts). Resolves to what it did, or undefined when it says nothing.
   */
  run(context: FixContext): Promise<FixResult | undefined>;
}

/** Declares a fix, keeping its id as a literal type (so the table gives the id union). */
function defineFix<const Id extends string>(fix: Fix<Id>): Fix<Id> {
  return fix;
}

/**
 * The site an embedded sign-in or a withheld cookie belongs to: the origin of the first refused
 * request of the first cause that offers to open it (its own tab is where its cookies are sent).
 */
export function siteToOpen({ diagnosis, log }: Pick<FixContext, 'diagnosis' | 'log'>): string | null {
  const cause = diagnosis.causes.find((c) => c.fixes.includes('open-sign-in-site'));
  const records = [...(log?.records ?? []), ...(log?.previous?.records ?? [])];
  const record = records.find((r) => cause?.recordIds.includes(r.id));
  const origin = originOf(record?.url);
  return origin && /^https?:/.test(origin) ? origin : null;
}

export const FIXES = [
  defineFix({
    id: 'sign-in-again',
    label: 'fix_sign_in',
    run: ({ actions, tabId, explainedPage }) => actions.signInAgain(tabId, explainedPage),
  }),
  defineFix({
    id: 'reload',
    label: 'fix_reload',
    run: ({ actions, tabId }) => actions.reload(tabId),
  }),
  defineFix({
    id: 'clear-site-data',
    label: 'fix_clear',
    // Nothing is deleted yet: the plan says what would be, and its confirmation runs actions.clearSiteData.
    run: async ({ actions, tabId, explainedPage, askToConfirmClear }) => {
      const planned = await actions.planClearSiteData(tabId, explainedPage); // asks for the permissions first
      if ('plan' in planned) {
        askToConfirmClear(planned.plan);
        return undefined;
      }
      return planned;
    },
  }),
  defineFix({
    id: 'open-https',
    label: 'fix_https',
    available: ({ https }) => https !== null,
    run: ({ actions, tabId, explainedPage }) => actions.openHttps(tabId, explainedPage),
  }),
  defineFix({
    id: 'open-sign-in-site',
    label: 'fix_open_site',
    available: (context) => siteToOpen(context) !== null,
    run: (context) => context.actions.openSite(siteToOpen(context) ?? ''),
  }),
  defineFix({
    id: 'check-proxy',
    label: 'fix_proxy',
    run: async ({ actions, onProxyRead }) => {
      const reading = await actions.checkProxy(); // asks for the permission first where it is optional
      onProxyRead(reading);
      return { ok: reading.configured !== true, message: reading.message };
    },
  }),
  // The report and the curl builder load on first use: they are not needed to show the popup.
  defineFix({
    id: 'copy-report',
    label: 'fix_report',
    run: async ({ actions, tabId, log, diagnosis, t }) => {
      const { buildReport } = await import('../view/report');
      return actions.copy(buildReport(log ?? createTabLog(tabId), diagnosis, actions.environment(), t));
    },
  }),
  defineFix({
    id: 'copy-curl',
    label: 'fix_curl',
    available: ({ record }) => record !== null,
    run: async ({ actions, record, t }) => {
      const { buildCurl } = await import('../view/curl-command');
      const curl = buildCurl(record!);
      return curl.ok ? actions.copy(curl.command) : { ok: false, message: t(`curl_refused_${curl.reason}`) };
    },
  }),
  defineFix({
    id: 'developer-view',
    label: 'fix_developer',
    run: async ({ actions, tabId }) => {
      await actions.openDeveloperView(tabId);
      return undefined;
    },
  }),
] as const;

/** Every button the popup can show: the causes' fixes, and tools for the site owner or developer. */
export type ActionId = (typeof FIXES)[number]['id'];

/** Compiles only while every fix a cause can name has its entry above (the error names the one missing). */
type NoneMissing<Missing extends never> = Missing;
type _EveryFixIdListed = NoneMissing<Exclude<FixId, ActionId>>;

const BY_ID: ReadonlyMap<string, Fix> = new Map(FIXES.map((fix) => [fix.id, fix]));

/**
 * The fixes Firefox for Android cannot carry out, each with the sentence that says why (a message key);
 * the popup shows that sentence there instead of the button. From MDN's browser-compat-data
 * (firefox_android): `browsingData` and `proxy` cannot be optional permissions there, and reading
 * `proxy.settings` throws. Every other fix works: tabs.update/reload/create, the clipboard on a
 * click, permissions.request (120+) for host access. (No fix uses the `windows` API Android lacks.)
 */
export const UNAVAILABLE_ON_ANDROID: Readonly<Partial<Record<ActionId, string>>> = {
  'clear-site-data': 'fix_android_no_clear',
  'check-proxy': 'fix_android_no_proxy',
};

/** Why `action` cannot run on `platform` (a message key), or null when it can. */
export function unavailableReason(action: ActionId, platform: Platform): string | null {
  return platform === 'android' ? (UNAVAILABLE_ON_ANDROID[action] ?? null) : null;
}

export function fixOf(id: ActionId): Fix {
  return BY_ID.get(id)!;
}
