import { useEffect, useState } from 'react';
import type { CallView } from '../../../lib/calls/call-view';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { useSession } from '../../../lib/session';
import { getCallQuality, type PartyQuality } from '../api/get-call-quality';

const GRADES = ['excellent', 'good', 'poor', 'lost', 'unknown'];

/** How a past call went, per party: LiveKit's last grade, average RTT and packet loss. */
export function CallQualitySummary({ call }: { call: CallView }) {
  const { t } = useI18n();
  const session = useSession();
  const [quality, setQuality] = useState<PartyQuality[]>([]);

  useEffect(() => {
    const abort = new AbortController();
    getCallQuality(call.id, abort.signal).then(setQuality, () => setQuality([]));
    return () => abort.abort();
  }, [call.id]);

  if (quality.length === 0) return null;
  const nameOf = (role: PartyQuality['role']) =>
    role === call.role ? session.profile.name : call.other.displayName;
  return (
    <section className="sheet__quality" data-testid="call-quality">
      <h3>{t('history.quality')}</h3>
      <ul>
        {quality.map((party) => (
          <li key={party.role} data-testid="call-quality-party">
            {t('history.quality.party', {
              name: nameOf(party.role),
              grade: t(
                `quality.${GRADES.includes(party.connectionQuality ?? '') ? party.connectionQuality : 'unknown'}` as MessageKey,
              ),
              rtt: party.roundTripTimeMs ?? '–',
              loss: party.packetLoss === null ? '–' : (party.packetLoss * 100).toFixed(1),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
