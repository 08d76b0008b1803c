import { describe, expect, test } from 'vitest';
import { incomingAgentCallMessage } from '../../api/_lib/line/agent-call-messages';
import { LANGUAGES } from '../../api/_lib/i18n/language';

describe('the agent-call ring message', () => {
  test.each(LANGUAGES)('in %s it says who is calling, within LINE limits', (language) => {
    const message = incomingAgentCallMessage({
      language,
      serviceName: 'Acme Support',
      acceptUrl: 'https://liff.line.me/x/agent-call/a?autoAccept=1',
      notNowData: 'action=not-now&sid=a',
    });
    if (message.type !== 'template' || message.template.type !== 'buttons')
      throw new Error('expected a buttons template');
    expect(message.altText.startsWith('Acme Support: ')).toBe(true);
    expect(message.template.title).toBe('Acme Support');
    // With a title, a buttons template's text holds at most 60 characters.
    expect([...message.template.text].length).toBeLessThanOrEqual(60);
  });
});
