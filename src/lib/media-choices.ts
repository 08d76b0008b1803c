// What the user picked on Setup (camera/mic on or off, which device), carried to the meeting.
// Per tab, like the dev user, so two windows can join with different choices.
export interface MediaChoices {
  video: boolean;
  audio: boolean;
  videoDeviceId?: string;
  audioDeviceId?: string;
}

const STORAGE_KEY = 'liff-calls.media-choices';

export function saveMediaChoices(choices: MediaChoices): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(choices));
}

/** null when this tab has not been through Setup (for example, opened from an invite link). */
export function loadMediaChoices(): MediaChoices | null {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { video, audio, videoDeviceId, audioDeviceId } = parsed as Record<string, unknown>;
    return {
      video: video === true,
      audio: audio === true,
      videoDeviceId: typeof videoDeviceId === 'string' ? videoDeviceId : undefined,
      audioDeviceId: typeof audioDeviceId === 'string' ? audioDeviceId : undefined,
    };
  } catch {
    return null;
  }
}
