import { Suspense } from 'react';
import { Splash } from '../components/splash';
import { lazyWithStrings, useI18n } from '../lib/i18n';
import { BootGate } from './boot-gate';
import { AppRouter } from './router';

// Vite inlines VITE_LIFF_ID at build time, so production builds drop the dev bar entirely. In dev
// mode its chunk starts loading now, alongside LIFF init.
const devUserBar = import.meta.env.VITE_LIFF_ID ? null : import('../components/dev-user-bar');
const DevUserBar = devUserBar && lazyWithStrings(() => devUserBar);

export function App() {
  const { t } = useI18n();
  return (
    <BootGate>
      {/* One boundary: the page appears together with the dev bar, never shifted down by it. */}
      <Suspense fallback={<Splash label={t('boot.loading')} />}>
        {DevUserBar && <DevUserBar />}
        <AppRouter />
      </Suspense>
    </BootGate>
  );
}
