// LINE's share target picker, for invites (meeting, calls). Only lazy routes import this: the
// picker module is about 5 KB gzip that the Setup route does not need. Installing a LIFF
// module after init is fine for this one: its install() just returns the API function.
import liff from '@line/liff/core';
import ShareTargetPickerModule from '@line/liff/share-target-picker';

export function canShareToLine(): boolean {
  return liff.isApiAvailable('shareTargetPicker');
}

/** Resolves when the picker closes, whether or not the user sent anything. */
export async function shareToLine(text: string): Promise<void> {
  // use() ignores a module that is already installed.
  liff.use(new ShareTargetPickerModule());
  await liff.shareTargetPicker([{ type: 'text', text }], { isMultiple: true });
}
