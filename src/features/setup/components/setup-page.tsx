// Setup (in the spirit of LiveKit Meet's PreJoin): who you are, which room, camera and mic
// preview, then Join. Plain DOM media only; the meeting chunk loads on Join.
import { lazy, Suspense, useState } from 'react';
import { Link, useLocation, useSearch } from '../../../lib/router';
import { LanguageSwitcher } from '../../../components/language-switcher';
import { lazyWithStrings, useI18n } from '../../../lib/i18n';
import { appLink } from '../../../lib/liff';
import { saveMediaChoices } from '../../../lib/media-choices';
import { isConferenceRoom, namedRoom, PRESET_ROOMS, ROOM_PREFIX } from '../../../lib/room-name';
import { useSession } from '../../../lib/session';
import { deviceIdOf, useMediaTrack } from '../hooks/use-media-track';
import { MediaPreview } from './media-preview';
import { RoomPicker, type RoomChoice } from './room-picker';
import './setup.css';

// Not needed to draw Setup, so small chunks of their own: the notice shows only when the camera or
// mic fails (it brings LIFF's open-window), the pickers once the browser has named the devices.
const MediaProblem = lazyWithStrings(() => import('./media-problem'));
const DevicePickers = lazy(() => import('./device-pickers'));
const RecentPeople = lazyWithStrings(() => import('./recent-people'));

export function SetupPage() {
  const session = useSession();
  const { t, tRich } = useI18n();
  const [, navigate] = useLocation();
  const search = useSearch();
  const [choice, setChoice] = useState(() =>
    initialChoice(new URLSearchParams(search).get('room')),
  );
  const [videoOn, setVideoOn] = useState(true);
  const [audioOn, setAudioOn] = useState(true);
  const [videoDeviceId, setVideoDeviceId] = useState<string>();
  const [audioDeviceId, setAudioDeviceId] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const camera = useMediaTrack('video', videoOn, videoDeviceId, attempt);
  const mic = useMediaTrack('audio', audioOn, audioDeviceId, attempt);

  const named = choice.kind === 'named' ? namedRoom(choice.name) : null;
  const room = choice.kind === 'preset' ? choice.room : named?.status === 'ok' ? named.room : null;
  const problem = named?.status === 'blank' || named?.status === 'invalid' ? named.status : null;
  const failure =
    camera.status === 'failed' ? camera.reason : mic.status === 'failed' ? mic.reason : null;

  const join = (withMedia: boolean) => {
    if (!room) return;
    saveMediaChoices({
      video: withMedia && camera.status !== 'off' && camera.status !== 'failed',
      audio: withMedia && mic.status !== 'off' && mic.status !== 'failed',
      videoDeviceId: deviceIdOf(camera) ?? videoDeviceId,
      audioDeviceId: deviceIdOf(mic) ?? audioDeviceId,
    });
    navigate(`/meeting/${encodeURIComponent(room)}`);
  };

  return (
    <main className="setup" data-testid="setup-page">
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav className="topbar__nav">
          <Link href="/history" className="topbar__link" data-testid="calls-link">
            {t('setup.calls')}
          </Link>
          <LanguageSwitcher />
        </nav>
      </header>

      <section className="profile">
        {session.profile.pictureUrl && (
          <img className="avatar" src={session.profile.pictureUrl} alt="" />
        )}
        <h1 className="profile__greeting">
          {tRich('setup.greeting', {
            name: <strong data-testid="user-name">{session.profile.name}</strong>,
          })}
        </h1>
        <Link
          href="/agent-call"
          className="topbar__link profile__call-me"
          data-testid="call-me-now-link"
        >
          {t('agentCall.callMeNow')}
        </Link>
      </section>

      <section className="call-someone">
        <Link
          href="/history"
          className="button button--secondary call-someone__button"
          data-testid="call-someone"
        >
          {t('setup.callSomeone')}
        </Link>
        <Suspense>
          <RecentPeople />
        </Suspense>
      </section>

      <section className="card" aria-label={t('setup.devices')}>
        <MediaPreview
          camera={camera}
          mic={mic}
          profile={session.profile}
          // Tapping a device that failed asks for it again instead of turning it off.
          onToggleCamera={() =>
            camera.status === 'failed' ? setAttempt((n) => n + 1) : setVideoOn((on) => !on)
          }
          onToggleMic={() =>
            mic.status === 'failed' ? setAttempt((n) => n + 1) : setAudioOn((on) => !on)
          }
        />
        {failure && (
          <Suspense>
            <MediaProblem
              reason={failure}
              returnUrl={appLink(room ? `/?room=${encodeURIComponent(room)}` : '/', session)}
              onRetry={() => setAttempt((n) => n + 1)}
              onJoinWithout={() => join(false)}
            />
          </Suspense>
        )}
      </section>

      <RoomPicker choice={choice} onChange={setChoice} problem={problem} />

      <Suspense>
        <DevicePickers
          camera={camera}
          mic={mic}
          videoDeviceId={videoDeviceId}
          audioDeviceId={audioDeviceId}
          onVideoDevice={setVideoDeviceId}
          onAudioDevice={setAudioDeviceId}
        />
      </Suspense>

      <div className="join-bar">
        <button
          type="button"
          className="button button--primary button--block"
          disabled={!room}
          onClick={() => join(true)}
          data-testid="join-button"
        >
          {room ? t('setup.join', { room }) : t('setup.join.pick')}
        </button>
      </div>
    </main>
  );
}

/** `/?room=conf-x` (from an invite link or "Open in your browser") preselects that room. */
function initialChoice(fromQuery: string | null): RoomChoice {
  if (fromQuery && isConferenceRoom(fromQuery)) {
    return PRESET_ROOMS.some((preset) => preset.room === fromQuery)
      ? { kind: 'preset', room: fromQuery }
      : { kind: 'named', name: fromQuery.slice(ROOM_PREFIX.length), preset: PRESET_ROOMS[0].room };
  }
  return { kind: 'preset', room: PRESET_ROOMS[0].room };
}
