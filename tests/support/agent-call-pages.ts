/**
 * Driving the agent-call pages in the browser tests: Alice's phone (which records what the page
 * asks getUserMedia for, and where LiveKit's signalling socket closes after a moment, as with no
 * media server), her "call me now", her LINE chat, and the API as her pages call it.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { RESULTS, type BrowserWorld } from './browser-world';
import { advanceQstash, apiFromPage, appUrl, inboxUrl } from './call-pages';

/** How long a join stays "Connecting…" before its signalling socket closes. */
const SOCKET_CLOSE_MS = 3_000;

export interface AgentCallView {
  sid: string;
  status: string;
  attempt: number;
  requestedBy: string;
  originalSid: string | null;
  retries: { attempt: number; status: string; runAt: string; newSid: string | null }[];
}

declare global {
  interface Window {
    /** The constraints of every getUserMedia call the page made (see recordMediaRequests). */
    mediaRequests?: MediaStreamConstraints[];
  }
}

export interface AgentCallPhone {
  phone: BrowserContext;
  /** A page of her phone, for the tests to move around. */
  page: Page;
  appUrl(path: string): string;
  inboxUrl(): string;
  /** The QStash stand-in's clock moved on by `seconds`. */
  advance(seconds: number): Promise<void>;
  shot(on: Page, name: string): Promise<Buffer>;
  /** The API from inside a page, as Alice: GET, or POST with `body`. */
  api<T>(on: Page, path: string, body?: unknown): Promise<T>;
  agentCalls(on: Page): Promise<AgentCallView[]>;
  agentCall(on: Page, sid: string): Promise<AgentCallView>;
  /** On the "call me now" page: tap the button, see "Calling you now…"; returns the new call. */
  callMeNow(): Promise<AgentCallView>;
}

/** Alice's phone and a page of it, filled in before the first test of the block. */
export function useAgentCallPhone(world: BrowserWorld): AgentCallPhone {
  const alice = () => world.user('Alice');
  const api = async <T>(on: Page, path: string, body?: unknown) =>
    (await apiFromPage<T>(on, alice(), path, body)).body;
  // `phone` and `page` are filled in before the first test.
  const agentCall = {
    appUrl: (path) => appUrl(world.server.url, path, alice()),
    inboxUrl: () => inboxUrl(world.server.url, alice()),
    advance: (seconds) => advanceQstash(world.server.url, seconds),
    shot: (on, name) => on.screenshot({ path: join(RESULTS, `agent-calls-${name}-375x667.png`) }),
    api,
    agentCalls: async (on) =>
      (await api<{ agentCalls: AgentCallView[] }>(on, '/api/agent-calls')).agentCalls,
    agentCall: async (on, sid) =>
      (await api<{ agentCall: AgentCallView }>(on, `/api/agent-calls/${sid}`)).agentCall,
    async callMeNow() {
      const { page } = agentCall;
      const started = page.waitForResponse(
        (r) => r.url().endsWith('/api/agent-calls') && r.request().method() === 'POST',
      );
      await page.getByTestId('call-me-now-button').click();
      const response = await started;
      expect(response.status()).toBe(201);
      expect(response.request().postDataJSON()).toEqual({
        to: { lineUserId: alice().userId },
        language: 'en',
      });
      await page.getByTestId('call-me-now-started').waitFor();
      return ((await response.json()) as { agentCall: AgentCallView }).agentCall;
    },
  } as AgentCallPhone;
  beforeAll(async () => {
    // Camera allowed too: if the page asked for it, it would get it, and the record would show.
    const phone = await world.phone();
    await phone.addInitScript(recordMediaRequests);
    // No media server: LiveKit's signalling socket closes after a moment of "Connecting…", as
    // with none running. (Its URL is the dev server's here, where the socket would hang open and
    // keep the server from closing.)
    await phone.routeWebSocket(
      (url) => url.pathname.startsWith('/rtc'),
      (socket) => void setTimeout(() => socket.close(), SOCKET_CLOSE_MS),
    );
    Object.assign(agentCall, { phone, page: await phone.newPage() });
  });
  afterAll(() => agentCall.phone?.close());
  return agentCall;
}

export const agentCallStatusOf = (on: Page) =>
  on.getByTestId('agent-call-page').getAttribute('data-status');

/** A LINE chat page, reloaded until it holds `text`. */
export async function inboxWith(inbox: Page, text: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await inbox.reload();
        return inbox.locator('.chat').textContent();
      },
      { timeout: 10_000 },
    )
    .toContain(text);
}

/** Runs in every page before its scripts: remembers what getUserMedia was asked for. */
function recordMediaRequests() {
  const media = navigator.mediaDevices;
  if (!media) return;
  const getUserMedia = media.getUserMedia.bind(media);
  window.mediaRequests = [];
  media.getUserMedia = (constraints?: MediaStreamConstraints) => {
    window.mediaRequests!.push(JSON.parse(JSON.stringify(constraints ?? {})));
    return getUserMedia(constraints);
  };
}
