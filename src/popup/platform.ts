/** Where the popup runs: Firefox for Android (`runtime.getPlatformInfo().os === 'android'`) or any other browser. */
export type Platform = 'android' | 'desktop';
