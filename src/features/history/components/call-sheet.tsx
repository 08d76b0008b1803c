import { useEffect, useRef } from 'react';
import { Avatar } from '../../../components/avatar';
import { InviteButton } from '../../../components/invite-button';
import { PhoneIcon, VideoIcon } from '../../../components/call-icons';
import type { CallParty, CallView } from '../../../lib/calls/call-view';
import { ApiError } from '../../../lib/api-client';
import { startCallError, tooManyCalls } from '../../../lib/calls/start-call';
import { useStartCall } from '../../../lib/calls/use-start-call';
import { useI18n } from '../../../lib/i18n';
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
  const dialog = useRef<HTMLDialogElement>(null);
  const { state, start } = useStartCall(person.contactId);
  // After a 429 the buttons stay off: another tap would only be refused again.
  const notHereYet =
    state.status === 'failed' &&
    state.error instanceof ApiError &&
    state.error.code === 'unknown_user';
  const starting =
    state.status === 'starting' || (state.status === 'failed' && tooManyCalls(state.error));

  // No close() on cleanup: it would fire `close` (and onClose) on StrictMode's rehearsal
  // unmount; a dialog taken out of the page leaves the top layer by itself.
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="sheet"
      onClose={onClose}
      // A tap on the dimmed backdrop (the dialog element itself, outside the panel) closes it.
      onClick={(event) => event.target === dialog.current && dialog.current.close()}
      aria-labelledby="call-sheet-title"
      data-testid="call-sheet"
    >
      <div className="sheet__panel">
        <Avatar
          name={unknown ? '?' : person.displayName}
          pictureUrl={person.pictureUrl}
          size="large"
        />
        {/* Focus lands on the question, not on a button a stray tap would press. */}
        <h2 className="sheet__title" id="call-sheet-title" tabIndex={-1} autoFocus>
          {unknown ? t('history.callInviter') : t('history.call', { name: person.displayName })}
        </h2>
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
        <button
          type="button"
          className="button button--block sheet__cancel"
          onClick={() => dialog.current?.close()}
        >
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
