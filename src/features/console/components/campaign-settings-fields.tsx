// The fields of a campaign's settings (docs/campaigns.md#settings), shared by the new-campaign form
// and the settings editor. Limits come from the domain, so the browser refuses what the server would.
import {
  AGENT_SCRIPTS,
  CAMPAIGN_LIMITS,
  COUNTRY_TIME_ZONES,
  LANGUAGES,
  RETRYABLE_OUTCOMES,
  WEEKDAYS,
} from '../../../../api/_lib/console-contract';
import type { NewCampaignSettings } from '../api/console-api';
import { outcomeName } from '../console-words';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  ja: 'Japanese',
  ko: 'Korean',
  th: 'Thai',
  'zh-TW': 'Chinese (Taiwan)',
};

const toggle = <T,>(list: T[], value: T) =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

export function CampaignSettingsFields({
  value: form,
  onChange,
}: {
  value: NewCampaignSettings;
  onChange: (update: (form: NewCampaignSettings) => NewCampaignSettings) => void;
}) {
  const set = (changes: Partial<NewCampaignSettings>) => onChange((f) => ({ ...f, ...changes }));
  const setWindow = (changes: Partial<NewCampaignSettings['window']>) =>
    onChange((f) => ({ ...f, window: { ...f.window, ...changes } }));
  const setRetry = (changes: Partial<NewCampaignSettings['retry']>) =>
    onChange((f) => ({ ...f, retry: { ...f.retry, ...changes } }));

  const zoneHint = COUNTRY_TIME_ZONES[form.defaultCountry.toUpperCase()];
  return (
    <>
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
    </>
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
