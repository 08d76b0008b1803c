// A new campaign's settings (docs/campaigns.md#settings), with the server's defaults filled in.
// The server checks everything; a 400 is shown at the top of the form, as it said it.
import { useState, type FormEvent } from 'react';
import {
  AGENT_SCRIPTS,
  CAMPAIGN_LIMITS,
  COUNTRY_TIME_ZONES,
  DEFAULT_RETRY_POLICY,
  LANGUAGES,
  RETRYABLE_OUTCOMES,
  WEEKDAYS,
  type Campaign,
} from '../../../../api/_lib/console-contract';
import { createCampaign, type NewCampaignSettings } from '../api/console-api';
import { errorText, outcomeName } from '../console-words';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  ja: 'Japanese',
  ko: 'Korean',
  th: 'Thai',
  'zh-TW': 'Chinese (Taiwan)',
};

const DEFAULTS: NewCampaignSettings = {
  name: '',
  script: 'reminder',
  language: 'ja',
  defaultCountry: 'JP',
  timeZone: '',
  window: { startHour: 9, endHour: 20, days: [1, 2, 3, 4, 5] },
  pacePerMinute: 10,
  concurrency: 5,
  retry: { ...DEFAULT_RETRY_POLICY, outcomes: [...DEFAULT_RETRY_POLICY.outcomes] },
};

type Submit = { status: 'editing' } | { status: 'saving' } | { status: 'refused'; error: unknown };

const toggle = <T,>(list: T[], value: T) =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

export function NewCampaignForm({
  onCreated,
  onCancel,
}: {
  onCreated: (campaign: Campaign) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(DEFAULTS);
  const [submit, setSubmit] = useState<Submit>({ status: 'editing' });
  const set = (changes: Partial<NewCampaignSettings>) => setForm((f) => ({ ...f, ...changes }));
  const setWindow = (changes: Partial<NewCampaignSettings['window']>) =>
    setForm((f) => ({ ...f, window: { ...f.window, ...changes } }));
  const setRetry = (changes: Partial<NewCampaignSettings['retry']>) =>
    setForm((f) => ({ ...f, retry: { ...f.retry, ...changes } }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setSubmit({ status: 'saving' });
    const { timeZone, ...rest } = form;
    try {
      onCreated(await createCampaign({ ...rest, ...(timeZone?.trim() ? { timeZone } : {}) }));
    } catch (error) {
      setSubmit({ status: 'refused', error });
    }
  }

  const zoneHint = COUNTRY_TIME_ZONES[form.defaultCountry.toUpperCase()];
  return (
    <form className="console-card campaign-form" aria-label="New campaign" onSubmit={save}>
      <h2>New campaign</h2>
      {submit.status === 'refused' && (
        <p className="form-error" role="alert" data-testid="campaign-form-error">
          {errorText(submit.error)}
        </p>
      )}
      <div className="form-grid">
        <label>
          Name
          <input
            required
            maxLength={CAMPAIGN_LIMITS.nameLength}
            value={form.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        </label>
        <label>
          Script
          <select
            value={form.script}
            onChange={(e) => set({ script: e.target.value as NewCampaignSettings['script'] })}
          >
            {AGENT_SCRIPTS.map((script) => (
              <option key={script} value={script}>
                {script[0]!.toUpperCase() + script.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Language
          <select
            value={form.language}
            onChange={(e) => set({ language: e.target.value as NewCampaignSettings['language'] })}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {LANGUAGE_NAMES[language] ?? language}
              </option>
            ))}
          </select>
        </label>
        <label>
          Default country
          <input
            value={form.defaultCountry}
            maxLength={2}
            onChange={(e) => set({ defaultCountry: e.target.value.toUpperCase() })}
          />
        </label>
        <label>
          Time zone
          <input
            value={form.timeZone}
            placeholder={zoneHint ?? 'e.g. Asia/Singapore'}
            onChange={(e) => set({ timeZone: e.target.value })}
          />
        </label>
        <NumberField
          label="Calls per minute"
          limits={CAMPAIGN_LIMITS.pace}
          value={form.pacePerMinute}
          onChange={(pacePerMinute) => set({ pacePerMinute })}
        />
        <NumberField
          label="Calls at once"
          limits={CAMPAIGN_LIMITS.concurrency}
          value={form.concurrency}
          onChange={(concurrency) => set({ concurrency })}
        />
        <NumberField
          label="Calling from (hour)"
          limits={{ min: 0, max: 23 }}
          value={form.window.startHour}
          onChange={(startHour) => setWindow({ startHour })}
        />
        <NumberField
          label="Calling until (hour)"
          limits={{ min: 1, max: 24 }}
          value={form.window.endHour}
          onChange={(endHour) => setWindow({ endHour })}
        />
      </div>
      <fieldset>
        <legend>Calling days (the lead's local time)</legend>
        {WEEKDAYS.map((day) => (
          <label key={day} className="check">
            <input
              type="checkbox"
              checked={form.window.days.includes(day)}
              onChange={() => setWindow({ days: toggle(form.window.days, day).sort() })}
            />
            {DAY_NAMES[day - 1]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Call again after</legend>
        {RETRYABLE_OUTCOMES.map((outcome) => (
          <label key={outcome} className="check">
            <input
              type="checkbox"
              checked={form.retry.outcomes.includes(outcome)}
              onChange={() => setRetry({ outcomes: toggle(form.retry.outcomes, outcome) })}
            />
            {outcomeName(outcome)}
          </label>
        ))}
        <div className="form-grid">
          <NumberField
            label="Wait (minutes)"
            limits={CAMPAIGN_LIMITS.retryDelayMinutes}
            value={form.retry.delayMinutes}
            onChange={(delayMinutes) => setRetry({ delayMinutes })}
          />
          <NumberField
            label="Attempts in all"
            limits={CAMPAIGN_LIMITS.maxAttempts}
            value={form.retry.maxAttempts}
            onChange={(maxAttempts) => setRetry({ maxAttempts })}
          />
        </div>
      </fieldset>
      <div className="form-actions">
        <button
          type="submit"
          className="console-button console-button--primary"
          disabled={submit.status === 'saving'}
        >
          {submit.status === 'saving' ? 'Creating…' : 'Create campaign'}
        </button>
        <button type="button" className="console-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A whole number within the server's limits for it (the browser stops the form outside them). */
function NumberField({
  label,
  limits,
  value,
  onChange,
}: {
  label: string;
  limits: { min: number; max: number };
  value: number;
  onChange: (value: number) => void;
}) {
  return (
    <label>
      {label}
      <input
        type="number"
        min={limits.min}
        max={limits.max}
        value={value}
        onChange={(e) => onChange(e.target.valueAsNumber)}
      />
    </label>
  );
}
