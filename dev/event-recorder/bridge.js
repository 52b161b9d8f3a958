/*
 * For Firefox, whose extension background the test driver cannot reach (WebDriver BiDi cannot open
 * moz-extension:// pages): a page on 127.0.0.1 or reader.test dispatches `recorder:ask` on its document, with `detail` 'events',
 * 'clear' or a JSON string `{"answerAuthWith": {"username": ..., "password": ...}}`, and gets `recorder:answer` back
 * with the recorder's answer as JSON in `detail`.
 */
document.addEventListener('recorder:ask', (event) => {
  const api = globalThis.browser ?? globalThis.chrome;
  const detail = String(event.detail);
  const message = detail.startsWith('{')
    ? { type: 'recorder.answerAuthWith', credentials: JSON.parse(detail).answerAuthWith }
    : { type: detail === 'clear' ? 'recorder.clear' : 'recorder.events' };
  api.runtime.sendMessage(message).then(
    (answer) => document.dispatchEvent(new CustomEvent('recorder:answer', { detail: JSON.stringify(answer) })),
    (error) => document.dispatchEvent(new CustomEvent('recorder:answer', { detail: JSON.stringify({ error: String(error) }) })),
  );
});
