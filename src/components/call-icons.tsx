// Line icons for calls (24×24, currentColor), shared by the history and the call screen.
import type { ReactNode } from 'react';

function Icon({ children, size = 24 }: { children: ReactNode; size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" fill="currentColor">
      {children}
    </svg>
  );
}

export function PhoneIcon({ size }: { size?: number }) {
  return (
    <Icon size={size}>
      <path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z" />
    </Icon>
  );
}

export function HangUpIcon({ size }: { size?: number }) {
  return (
    <Icon size={size}>
      <path d="M12 9c-1.6 0-3.15.25-4.6.72v3.1a1 1 0 0 1-.56.9 11.5 11.5 0 0 0-2.66 1.85 1 1 0 0 1-1.41-.02L.29 13.08a1 1 0 0 1 0-1.41A16.9 16.9 0 0 1 12 7c4.57 0 8.72 1.8 11.71 4.67a1 1 0 0 1 0 1.41l-2.48 2.48a1 1 0 0 1-1.41.02 11.3 11.3 0 0 0-2.66-1.85 1 1 0 0 1-.56-.9v-3.1A15 15 0 0 0 12 9z" />
    </Icon>
  );
}

export function VideoIcon({ size }: { size?: number }) {
  return (
    <Icon size={size}>
      <path d="M4 6h10a2 2 0 0 1 2 2v1.5l4-2.5v10l-4-2.5V16a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2z" />
    </Icon>
  );
}

export function FlipCameraIcon({ size }: { size?: number }) {
  return (
    <Icon size={size}>
      <path d="M9 4 7.2 6H4a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V8a2 2 0 0 0-2-2h-3.2L15 4H9zm3 4a5 5 0 0 1 4.9 4H19l-3 3-3-3h1.8A3 3 0 0 0 9.4 10.6L8 9.2A5 5 0 0 1 12 8zm-4 5 3 3H9.2a3 3 0 0 0 5.4 1.4l1.4 1.4A5 5 0 0 1 7.1 16H5z" />
    </Icon>
  );
}

export function SpeakerIcon({ size }: { size?: number }) {
  return (
    <Icon size={size}>
      <path d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z" />
    </Icon>
  );
}

/** A headset: the assistant (an agent call) in place of a person's picture. */
export function AssistantIcon({ size }: { size?: number }) {
  return (
    <Icon size={size}>
      <path d="M12 2a9 9 0 0 0-9 9v6a3 3 0 0 0 3 3h2v-8H5v-1a7 7 0 0 1 14 0v1h-3v8h3v1a1 1 0 0 1-1 1h-5v2h5a3 3 0 0 0 3-3v-9a9 9 0 0 0-9-9z" />
    </Icon>
  );
}

/** ↗ for a call I made, ↙ for one I received. */
export function DirectionIcon({ outgoing }: { outgoing: boolean }) {
  return (
    <Icon size={16}>
      <path
        d={
          outgoing
            ? 'M9 5v2h6.6L4 18.6 5.4 20 17 8.4V15h2V5z'
            : 'M15 19v-2H8.4L20 5.4 18.6 4 7 15.6V9H5v10z'
        }
      />
    </Icon>
  );
}
