// Leaving LINE for the phone's browser. Only Setup's media problem notice (its own lazy chunk)
// imports this, so LIFF's open-window module stays out of the first load. Installing it after
// init is fine: its install() just returns the API function.
import liff from '@line/liff/core';
import OpenWindowModule from '@line/liff/open-window';

/** Opens a URL in the phone's browser; outside LINE, a new tab. */
export function openInExternalBrowser(url: string): void {
  if (!liff.isInClient()) {
    window.open(url, '_blank', 'noopener');
    return;
  }
  // use() ignores a module that is already installed.
  liff.use(new OpenWindowModule());
  liff.openWindow({ url, external: true });
}
