import { Avatar } from '../../../components/avatar';
import { InviteButton } from '../../../components/invite-button';
import { PhoneIcon, VideoIcon } from '../../../components/call-icons';
import type { CallParty, CallView } from '../../../lib/calls/call-view';
import { ApiError } from '../../../lib/api-client';
import { startCallError, tooManyCalls } from '../../../lib/calls/start-call';
import { useStartCall } from '../../../lib/calls/use-start-call';
import { useI18n } from '../../../lib/i18n';
import { BottomSheet } from './bottom-sheet';
import { CallQualitySummary } from './call-quality-summary';

interface CallSheetProps {
  person: CallParty;
  /**
   * Someone known only by contact id (an invite link from a friend never called): no name, no
   * face.
   */
  unknown: boolean;
  /** My invite link, offered when the person has never opened the app. */
  invite: { link: string; message: string };
  /** Opened from a past call in the list: that call's quality shows too. */
  call?: CallView | undefined;
  onClose(): void;
}

/** "Call Bob": video or voice, from the bottom of the screen. */
export function CallSheet({ person, unknown, invite, call, onClose }: CallSheetProps) {
  const { t } = useI18n();
  const { state, start } = useStartCall(person.contactId);
  // After a 429 the buttons stay off: another tap would only be refused again.
  const notHereYet =
    state.status === 'failed' &&
    state.error instanceof ApiError &&
    state.error.code === 'unknown_user';
  const starting =
    state.status === 'starting' || (state.status === 'failed' && tooManyCalls(state.error));

  return (
    <BottomSheet
      testId="call-sheet"
      title={unknown ? t('history.callInviter') : t('history.call', { name: person.displayName })}
      before={
        <Avatar
          name={unknown ? '?' : person.displayName}
          pictureUrl={person.pictureUrl}
          size="large"
        />
      }
      closeLabel={t('common.cancel')}
      onClose={onClose}
    >
      {call && <CallQualitySummary call={call} />}
      {state.status === 'failed' && (
        <p className="sheet__error" role="alert" data-testid="start-call-error">
          {startCallError(state.error, person, t)}
        </p>
      )}
      {notHereYet && (
        <InviteButton
          {...invite}
          label={
            unknown ? t('history.invite') : t('history.inviteThem', { name: person.displayName })
          }
          className="button button--primary button--block"
          testId="invite-person"
          layout="inline"
        />
      )}
      <button
        type="button"
        className="button button--primary button--block"
        disabled={starting}
        onClick={() => void start('video')}
        data-testid="start-video-call"
      >
        <VideoIcon />
        {t('calls.video')}
      </button>
      <button
        type="button"
        className="button button--secondary button--block"
        disabled={starting}
        onClick={() => void start('audio')}
        data-testid="start-voice-call"
      >
        <PhoneIcon />
        {t('calls.voice')}
      </button>
    </BottomSheet>
  );
}
