// Closing the LIFF window. Only the "call me now" page (a lazy chunk) imports this, so the
// close-window module is not part of the first load. Installing it after init is fine: its
// install() just returns the API function.
import liff from '@line/liff/core';
import CloseWindowModule from '@line/liff/close-window';

/**
 * Inside LINE, closes the LIFF window (after "call me now": the call arrives as a LINE message).
 * Outside LINE there is no window to close: resolves false.
 */
export async function closeLiffWindow(): Promise<boolean> {
  if (!liff.isInClient()) return false;
  // use() ignores a module that is already installed.
  liff.use(new CloseWindowModule());
  liff.closeWindow();
  return true;
}
