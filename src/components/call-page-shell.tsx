// Every call page, whatever its kind: the call as the API sees it (lib/calls/use-server-call.ts),
// a splash while it loads, why it cannot be shown, or the kind's own screen once it is ready.
import type { ReactNode } from 'react';
import type { ServerCallState } from '../lib/calls/server-call';
import { useServerCall, type CallApi } from '../lib/calls/use-server-call';
import { useI18n, type MessageKey } from '../lib/i18n';
import { CallLoadError } from './call-load-error';
import { Splash } from './splash';

/** A ready call as its kind's screen gets it: the call, what is on its way, the ways to move it. */
export type ReadyCall<Call, Action> = Omit<
  Extract<ServerCallState<Call, Action>, { kind: 'ready' }>,
  'kind'
> & {
  refresh(): Promise<void>;
  act(action: Action): Promise<void>;
};

interface CallPageShellProps<Call, Action> {
  api: CallApi<Call, Action>;
  id: string;
  /** The load error screen's test id, and what it says to someone not in the call. */
  errorTestId: string;
  forbidden: MessageKey;
  children(ready: ReadyCall<Call, Action>): ReactNode;
}

export function CallPageShell<Call, Action>(props: CallPageShellProps<Call, Action>) {
  const { api, id, errorTestId, forbidden, children } = props;
  const { t } = useI18n();
  const { state, refresh, act } = useServerCall(api, id);
  switch (state.kind) {
    case 'loading':
      return <Splash label={t('call.loading')} />;
    case 'failed':
      return (
        <CallLoadError
          error={state.error}
          onRetry={() => void refresh()}
          testId={errorTestId}
          forbidden={forbidden}
        />
      );
    case 'ready': {
      const { call, pending, actionError } = state;
      return children({ call, pending, actionError, refresh, act });
    }
  }
}
