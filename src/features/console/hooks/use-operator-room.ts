// An operator in one live call's room: listening in (hidden, nothing published) or having taken
// it over (the microphone published; the agent leaves). One call at a time: joining another, or
// taking over the one being heard, leaves the room first, and joins are serialised so two never
// overlap. The media code (operator-media.ts, livekit-client) is loaded on the first join.
//
//   off ──listen / take-over──► joining ──► in-room (mode, audioBlocked?) ──leave / room gone──► off
//                                  └──refused or unreachable──► failed ──another try──► joining
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveCampaignCall } from '../../../../api/_lib/console-contract';
import { joinCall, type OperatorJoin } from '../api/console-api';
import type { OperatorMedia } from '../operator-media';

export type OperatorRoom =
  | { status: 'off' }
  | { status: 'joining'; sid: string; mode: OperatorJoin }
  | { status: 'in-room'; sid: string; mode: OperatorJoin; callee: string; audioBlocked: boolean }
  | { status: 'failed'; sid: string; mode: OperatorJoin; error: unknown };

export function useOperatorRoom() {
  const [state, setState] = useState<OperatorRoom>({ status: 'off' });
  const media = useRef<OperatorMedia | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const audioRef = useRef<HTMLDivElement>(null);

  const serially = (step: () => Promise<void>) => {
    queue.current = queue.current.then(step, step);
  };
  const leaveNow = async () => {
    const current = media.current;
    media.current = null;
    await current?.leave();
  };

  const join = useCallback((call: LiveCampaignCall, callee: string, mode: OperatorJoin) => {
    serially(async () => {
      await leaveNow();
      setState({ status: 'joining', sid: call.sid, mode });
      try {
        const [{ joinOperatorRoom }, token] = await Promise.all([
          import('../operator-media'),
          joinCall(call.sid, mode),
        ]);
        const joined: OperatorMedia = await joinOperatorRoom(token, {
          speak: mode === 'take-over',
          speaker: audioRef.current!,
          onAudioBlockedChange: () =>
            setState((s) =>
              s.status === 'in-room' && media.current === joined
                ? { ...s, audioBlocked: joined.audioBlocked() }
                : s,
            ),
          onLeft: () => {
            if (media.current !== joined) return;
            media.current = null;
            setState({ status: 'off' });
          },
        });
        media.current = joined;
        setState({
          status: 'in-room',
          sid: call.sid,
          mode,
          callee,
          audioBlocked: joined.audioBlocked(),
        });
      } catch (error) {
        setState({ status: 'failed', sid: call.sid, mode, error });
      }
    });
  }, []);

  const leave = useCallback(() => {
    serially(async () => {
      await leaveNow();
      setState({ status: 'off' });
    });
  }, []);

  /** The click browsers want before they play sound. */
  const startAudio = useCallback(() => {
    const current = media.current;
    void current
      ?.startAudio()
      .then(() =>
        setState((s) =>
          s.status === 'in-room' ? { ...s, audioBlocked: current.audioBlocked() } : s,
        ),
      );
  }, []);

  useEffect(() => () => void leaveNow(), []);

  return { state, join, leave, startAudio, audioRef };
}
