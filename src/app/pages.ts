// The pages besides Setup, each a lazy chunk of its own: livekit-client and the LiveKit
// components are only in the meeting, call and agent call chunks.
export const loadMeetingPage = () => import('../features/conference/components/meeting-page');
export const loadCallPage = () => import('../features/call/components/call-page');
export const loadHistoryPage = () => import('../features/history/components/history-page');
export const loadCallMeNowPage = () => import('../features/agent-call/components/call-me-now-page');
export const loadAgentCallPage = () => import('../features/agent-call/components/agent-call-page');
// The operators' console (a desk browser, not the LIFF app): its chunk holds the chart library.
export const loadConsolePage = () => import('../features/console/components/console-page');
