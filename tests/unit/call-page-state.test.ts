import { describe, expect, test } from 'vitest';
import {
  callConnectionMode,
  callPageState,
  type CallPageState,
  type CallScreenFacts,
} from '../../src/features/call/call-page-state';
import type { CallStatus, CallView } from '../../src/lib/calls/call-view';

const nothing: CallScreenFacts = {
  answeredOnOpen: false,
  otherLost: false,
  pending: null,
  actionError: null,
};
const refused = new Error('refused');

describe('which screen a 1:1 call shows', () => {
  test.each<[CallStatus, Partial<CallScreenFacts>, CallPageState]>([
    ['ringing', {}, 'ringing'],
    ['initiated', {}, 'ringing'],
    ['ringing', { pending: 'decline' }, 'ringing'],
    ['ringing', { pending: 'cancel' }, 'ringing'],
    ['ringing', { pending: 'accept' }, 'answering'],
    // Opened from LINE's Accept: answering from the first frame, until the accept fails.
    ['ringing', { answeredOnOpen: true }, 'answering'],
    ['ringing', { answeredOnOpen: true, actionError: refused }, 'ringing'],
    ['ringing', { answeredOnOpen: true, actionError: refused, pending: 'accept' }, 'answering'],
    ['accepted', {}, 'in-call'],
    ['connected', {}, 'in-call'],
    ['connected', { pending: 'end' }, 'in-call'],
    ['connected', { answeredOnOpen: true }, 'in-call'],
    // The other party dropped: in the call until the server has the end, then lost.
    ['connected', { otherLost: true }, 'in-call'],
    ['ended', { otherLost: true }, 'lost'],
    ['ended', {}, 'over'],
    ['declined', {}, 'over'],
    ['missed', {}, 'over'],
    ['canceled', { answeredOnOpen: true }, 'over'],
    ['failed', {}, 'over'],
  ])('%s, %o: %s', (status, facts, page) => {
    expect(callPageState({ status }, { ...nothing, ...facts })).toBe(page);
  });
});

describe('which token its room needs', () => {
  test.each<[CallPageState, CallView['role'], string]>([
    ['ringing', 'caller', 'full'],
    // The ringing callee sits in the room unseen, to learn at once of a cancel.
    ['ringing', 'callee', 'listen'],
    ['answering', 'callee', 'none'],
    ['in-call', 'caller', 'full'],
    ['in-call', 'callee', 'full'],
    ['over', 'caller', 'none'],
    ['lost', 'callee', 'none'],
  ])('%s, %s: %s', (page, role, mode) => {
    expect(callConnectionMode(page, role)).toBe(mode);
  });
});
