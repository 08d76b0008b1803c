// The agent's live captions: the worker sends each line it speaks, and each reply it recognised,
// as a text stream on LiveKit's transcription topic (agent/call-transcript.ts); `liff.speaker`
// says whose words they are. The latest few are kept, oldest first.
import type { Room, TextStreamReader } from 'livekit-client';
import { useEffect, useState } from 'react';

const CAPTION_TOPIC = 'lk.transcription';
const KEEP = 3;

export interface Caption {
  id: string;
  speaker: 'agent' | 'callee';
  text: string;
}

export function useLiveCaptions(room: Room | null): Caption[] {
  const [captions, setCaptions] = useState<Caption[]>([]);
  useEffect(() => {
    if (!room) return;
    let live = true;
    const onCaption = async (reader: TextStreamReader) => {
      const text = (await reader.readAll()).trim();
      if (!live || !text) return;
      const speaker = reader.info.attributes?.['liff.speaker'] === 'callee' ? 'callee' : 'agent';
      const caption = { id: reader.info.id, speaker, text } as const;
      setCaptions((shown) => [...shown, caption].slice(-KEEP));
    };
    room.registerTextStreamHandler(CAPTION_TOPIC, (reader) => void onCaption(reader));
    return () => {
      live = false;
      room.unregisterTextStreamHandler(CAPTION_TOPIC);
    };
  }, [room]);
  return captions;
}
