import type { LocalVideoTrack } from 'livekit-client';
import type { ReactNode } from 'react';
import { Avatar } from '../../../components/avatar';
import { HangUpIcon, PhoneIcon, VideoIcon } from '../../../components/call-icons';
import type { CallView } from '../../../lib/calls/call-view';
import { useI18n } from '../../../lib/i18n';
import type { CallAction } from '../api/act-on-call';
import type { CallConnection } from '../../../lib/livekit/use-call-room';
import { callPageMarks } from './call-page-marks';
import { LocalPreview } from './local-preview';
import { RingingLayout } from '../../../components/ringing-layout';
import { RoundAction } from '../../../components/round-action';

interface RingingScreenProps {
  call: CallView;
  connection: CallConnection;
  camera: LocalVideoTrack | null;
  /** The accept sent on opening from LINE, or a tap on a button, still on its way. */
  pending: CallAction | null;
  banner: ReactNode;
  onAct(action: CallAction): void;
}

/** Caller: "Calling Bob…" with Cancel. Callee: who is calling, with Decline and Accept. */
export function RingingScreen(props: RingingScreenProps) {
  const { call, connection, camera, pending, banner, onAct } = props;
  const { t } = useI18n();
  const caller = call.role === 'caller';
  const video = call.media === 'video';
  const name = call.other.displayName;
  return (
    <RingingLayout
      marks={callPageMarks(call, connection)}
      backdrop={
        <>
          {camera && <LocalPreview track={camera} className="call__backdrop" />}
          {banner}
        </>
      }
      avatar={<Avatar name={name} pictureUrl={call.other.pictureUrl} size="large" />}
      title={caller ? t('call.calling', { name }) : name}
      titleTestId="call-title"
      kind={
        <>
          {video ? <VideoIcon size={18} /> : <PhoneIcon size={18} />}
          {t(video ? 'calls.video' : 'calls.voice')}
        </>
      }
      deadline={call.ringDeadline}
      actions={
        caller ? (
          <RoundAction
            label={t('call.cancel')}
            tone="end"
            icon={<HangUpIcon size={30} />}
            onClick={() => onAct('cancel')}
            disabled={pending !== null}
            testId="cancel-button"
          />
        ) : (
          <>
            <RoundAction
              label={t('call.decline')}
              tone="end"
              icon={<HangUpIcon size={30} />}
              onClick={() => onAct('decline')}
              disabled={pending !== null}
              testId="decline-button"
            />
            <RoundAction
              label={pending === 'accept' ? t('call.answering') : t('call.accept')}
              tone="accept"
              icon={video ? <VideoIcon size={30} /> : <PhoneIcon size={30} />}
              onClick={() => onAct('accept')}
              disabled={pending !== null}
              testId="accept-button"
            />
          </>
        )
      }
    />
  );
}
