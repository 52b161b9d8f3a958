// Starts reading the tab's state while the popup's modules are still loading: on a busy tab the
// read takes 15-35 ms, which this overlaps with module loading. A classic script (not a module) so it
// runs during parsing; src/popup/connector.ts picks the promise up and validates what it holds.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const param = new URLSearchParams(location.search).get('tabId');
  const tabId = param !== null && /^\d+$/.test(param)
    ? Promise.resolve(Number(param))
    : api.tabs.query({ active: true, currentWindow: true }).then(([tab]) => (tab && tab.id !== undefined ? tab.id : null));
  globalThis.popupPrefetch = tabId.then((id) =>
    id === null ? { tabId: null, items: {} } : api.storage.session.get([`tab:${id}`, `diagnosis:${id}`]).then((items) => ({ tabId: id, items })),
  );
})();
