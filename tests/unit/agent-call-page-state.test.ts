import { describe, expect, test } from 'vitest';
import {
  agentCallConnectionMode,
  agentCallPageState,
  type AgentCallChoice,
  type AgentCallPageState,
} from '../../src/features/agent-call/agent-call-page-state';
import type { AgentCallStatus } from '../../src/lib/agent-calls/agent-call-view';

describe('which screen an agent call shows, and whether it is in the room', () => {
  test.each<[AgentCallStatus, AgentCallChoice, AgentCallPageState, string]>([
    ['initiated', 'none', 'ringing', 'none'],
    ['ringing', 'none', 'ringing', 'none'],
    // Joining the room is the answer: in it before the server has heard.
    ['ringing', 'accepted', 'joining', 'full'],
    ['initiated', 'accepted', 'joining', 'full'],
    ['answered', 'accepted', 'in-call', 'full'],
    // An answered call reopened here joins again.
    ['answered', 'none', 'in-call', 'full'],
    // Hung up here: over for me at once, whatever the server says yet.
    ['ringing', 'hung-up', 'hung-up', 'none'],
    ['answered', 'hung-up', 'hung-up', 'none'],
    ['ended', 'hung-up', 'hung-up', 'none'],
    ['ended', 'accepted', 'over', 'none'],
    ['ended', 'none', 'over', 'none'],
    ['missed', 'none', 'over', 'none'],
    ['busy', 'none', 'over', 'none'],
    ['canceled', 'none', 'over', 'none'],
    ['failed', 'accepted', 'over', 'none'],
  ])('%s, %s: %s (%s)', (status, choice, page, mode) => {
    expect(agentCallPageState(status, choice)).toBe(page);
    expect(agentCallConnectionMode(page)).toBe(mode);
  });
});
