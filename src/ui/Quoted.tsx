import { serverParts } from '../diagnosis/evidence-text';
import { useT } from './translate-context';

/**
 * One of our sentences with the server's (or page's) words set apart: each quote in an element of
 * its own (`q.server-words[data-server]`), labelled and styled as quoted, its text isolated from
 * ours for bidi (`bdi`), and rendered as text, never HTML. A server string cannot end the quote or
 * go on in our voice after it: where the element ends is where its words end.
 */
export function Quoted({ text }: { text: string }) {
  const t = useT();
  return (
    <>
      {serverParts(text).map((part, i) =>
        part.server ? (
          <q key={i} class="server-words" data-server="" data-label={t('quoted_label')} title={t('quoted_title')}>
            "<bdi>{part.text}</bdi>"
          </q>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
