// A campaign's settings in a form, for a new campaign or to change one. The server checks
// everything; its 400 or 409 is shown beside the buttons, as it said it, and the operator's
// values stay for them to correct.
import { useState, type FormEvent } from 'react';
import type { Campaign } from '../../../../api/_lib/console-contract';
import type { NewCampaignSettings } from '../api/console-api';
import { errorText } from '../console-words';
import { CampaignSettingsFields } from './campaign-settings-fields';
import { SubmitButton } from './submit-button';

type Submit = { status: 'editing' } | { status: 'saving' } | { status: 'refused'; error: unknown };

export function CampaignForm({
  title,
  initial,
  submitLabel,
  savingLabel,
  save,
  onSaved,
  onCancel,
}: {
  title: string;
  initial: NewCampaignSettings;
  submitLabel: string;
  savingLabel: string;
  save: (values: NewCampaignSettings) => Promise<Campaign>;
  onSaved: (campaign: Campaign) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(initial);
  const [submit, setSubmit] = useState<Submit>({ status: 'editing' });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmit({ status: 'saving' });
    try {
      onSaved(await save(form));
    } catch (error) {
      setSubmit({ status: 'refused', error });
    }
  }

  return (
    <form className="console-card campaign-form" aria-label={title} onSubmit={onSubmit}>
      <h2>{title}</h2>
      <CampaignSettingsFields value={form} onChange={setForm} />
      <div className="form-actions">
        <SubmitButton
          busy={submit.status === 'saving'}
          label={submitLabel}
          busyLabel={savingLabel}
        />
        <button type="button" className="console-button" onClick={onCancel}>
          Cancel
        </button>
        {submit.status === 'refused' && (
          <p className="form-error" role="alert" data-testid="campaign-form-error">
            {errorText(submit.error)}
          </p>
        )}
      </div>
    </form>
  );
}
