import { useEffect, useState } from 'preact/hooks';
import type { SignInFlow } from '../../capture/sign-in-flow';
import { plural } from '../../diagnosis/plural';
import { useT } from '../../ui/translate-context';
import { signInStory } from '../../view/sign-in-story';
import type { SignInSource } from '../connector';
import { Quoted } from './Quoted';

/** The tab's sign-in flow, as the worker last wrote it, followed while the popup is open. */
function useSignInFlow(source: SignInSource | undefined, tabId: number): SignInFlow | null {
  const [flow, setFlow] = useState<SignInFlow | null>(null);
  useEffect(() => {
    if (!source) return;
    const unwatch = source.watch(tabId, setFlow);
    void source.load(tabId).then(setFlow, () => {});
    return unwatch;
  }, [source, tabId]);
  return flow;
}

/**
 * The sign-in story: where a flow through an identity provider went wrong, in plain words, who can
 * fix it, the provider's own words (quoted) and look-up page, then one row per hop (redacted). A flow
 * that worked is one quiet line that opens to its hops.
 */
export function SignInCard({ source, tabId }: { source: SignInSource | undefined; tabId: number }) {
  const t = useT();
  const flow = useSignInFlow(source, tabId);
  const story = signInStory(flow, t, Date.now());
  if (!story) return null;
  const hops = (
    <>
      <ol class="sign-in-hops">
        {story.hops.map((hop, i) => (
          <li key={i}>
            <span class="hop-label">{hop.label}</span> <span class="method">{<Quoted text={hop.facts} />}</span>
            <p class="url">{hop.url}</p>
          </li>
        ))}
      </ol>
      {story.dropped > 0 && <p class="note">{plural(t, 'signin_dropped', story.dropped)}</p>}
    </>
  );
  return (
    <section class={`sign-in ${story.tone}`} aria-labelledby="sign-in-title" data-testid="sign-in" data-outcome={story.outcome}>
      <h2 id="sign-in-title" class="subhead">
        {t('signin_title')}
      </h2>
      <p class="sign-in-headline" data-testid="sign-in-headline">
        <Quoted text={story.headline} />
      </p>
      {story.fixer && <p data-testid="sign-in-fixer">{story.fixer}</p>}
      {story.providerWords.map((line) => (
        <p key={line} class="provider-words">
          <Quoted text={line} />
        </p>
      ))}
      {story.lookup && (
        <p>
          <a href={story.lookup.url} target="_blank" rel="noreferrer noopener" data-testid="sign-in-lookup">
            {story.lookup.label}
          </a>
        </p>
      )}
      {story.fromPopup && <p class="note">{t('signin_from_popup')}</p>}
      <details class="owner" open={story.tone === 'failed'}>
        <summary>{t('signin_steps_title')}</summary>
        {hops}
      </details>
    </section>
  );
}
