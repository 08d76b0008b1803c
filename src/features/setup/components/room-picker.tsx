import { useId } from 'react';
import { PRESET_ROOMS, ROOM_PREFIX, withoutRoomPrefix } from '../../../lib/room-name';
import { useI18n } from '../../../lib/i18n';

/** A named room remembers the preset it replaced: leaving the field empty goes back to it. */
export type RoomChoice =
  { kind: 'preset'; room: string } | { kind: 'named'; name: string; preset: string };

interface RoomPickerProps {
  choice: RoomChoice;
  onChange(choice: RoomChoice): void;
  /** What is wrong with the typed name, said under the field. */
  problem: 'blank' | 'invalid' | null;
}

export function RoomPicker({ choice, onChange, problem }: RoomPickerProps) {
  const invalid = problem !== null;
  const preset = choice.kind === 'preset' ? choice.room : choice.preset;
  const { t } = useI18n();
  const inputId = useId();
  const errorId = useId();
  return (
    <section className="card" aria-labelledby={`${inputId}-heading`}>
      <h2 className="card__title" id={`${inputId}-heading`}>
        {t('setup.room')}
      </h2>
      <div className="presets" role="radiogroup">
        {PRESET_ROOMS.map(({ id, room }) => {
          const selected = choice.kind === 'preset' && choice.room === room;
          return (
            <button
              key={id}
              type="button"
              role="radio"
              aria-checked={selected}
              className="preset"
              onClick={() => onChange({ kind: 'preset', room })}
              data-testid={`room-preset-${id}`}
            >
              <span className="preset__code">{id.toUpperCase()}</span>
              <span>{t(`setup.room.${id}`)}</span>
            </button>
          );
        })}
      </div>
      <label className="field-label" htmlFor={inputId}>
        {t('setup.room.named')}
      </label>
      <div className={`room-field${choice.kind === 'named' ? ' room-field--active' : ''}`}>
        <span className="room-field__prefix" aria-hidden="true">
          {ROOM_PREFIX}
        </span>
        <input
          id={inputId}
          type="text"
          inputMode="text"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={60}
          placeholder="team-standup"
          value={choice.kind === 'named' ? choice.name : ''}
          onChange={(event) =>
            onChange({ kind: 'named', name: withoutRoomPrefix(event.target.value), preset })
          }
          onFocus={() => choice.kind === 'preset' && onChange({ kind: 'named', name: '', preset })}
          onBlur={() =>
            choice.kind === 'named' &&
            choice.name === '' &&
            onChange({ kind: 'preset', room: preset })
          }
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          data-testid="room-name-input"
        />
      </div>
      {invalid && (
        <p className="field-error" id={errorId} role="alert" data-testid="room-name-error">
          {t(problem === 'blank' ? 'setup.room.blank' : 'setup.room.invalid')}
        </p>
      )}
    </section>
  );
}
