import { useConnectionState } from '@livekit/components-react';
import { ConnectionState } from 'livekit-client';
import { useI18n, type MessageKey } from '../../../lib/i18n';

const label: Partial<Record<ConnectionState, MessageKey>> = {
  [ConnectionState.Connecting]: 'meeting.state.connecting',
  [ConnectionState.Reconnecting]: 'meeting.state.reconnecting',
  [ConnectionState.SignalReconnecting]: 'meeting.state.reconnecting',
  [ConnectionState.Disconnected]: 'meeting.state.disconnected',
};

/** A banner while the connection is anything but healthy ("Reconnecting…"), else nothing. */
export function ConnectionStatus() {
  const { t } = useI18n();
  const state = useConnectionState();
  const key = label[state];
  return (
    <div
      className={key ? 'connection-banner' : 'visually-hidden'}
      role="status"
      aria-live="polite"
      data-testid="connection-state"
      data-state={state}
    >
      {key ? t(key) : state}
    </div>
  );
}
