// The campaign as it runs: counters, then every live call with its state, how long it has gone,
// the latest of its transcript, and what an operator can do with it.
import { useEffect, useState } from 'react';
import type { CampaignMonitor, CampaignState } from '../../../../api/_lib/console-contract';
import { Link } from '../../../lib/router';
import { useNow } from '../../../lib/use-now';
import { hangUpCall } from '../api/console-api';
import { errorText, LEAD_STATE_NAMES, outcomeName } from '../console-words';
import { useCampaignMonitor } from '../hooks/use-campaign-monitor';
import { useOperatorRoom } from '../hooks/use-operator-room';
import { Counter } from './counter';
import { LiveCallCard } from './live-call-card';
import { Empty, LoadFailed, Loading } from './load-states';
import { OperatorBar } from './operator-bar';

/** `onStatus`: the campaign's state changed under the page (the dispatcher finished it). */
export function LiveMonitor({
  campaignId,
  onStatus,
}: {
  campaignId: string;
  onStatus: (status: CampaignState) => void;
}) {
  const { state, retry } = useCampaignMonitor(campaignId);
  const status = 'monitor' in state ? state.monitor.campaign.status : null;
  useEffect(() => {
    if (status) onStatus(status);
  }, [status, onStatus]);
  const operatorRoom = useOperatorRoom();
  const [hangUps, setHangUps] = useState<Record<string, 'hanging-up' | string>>({});
  const live = state.status === 'live';
  const now = useNow(live);

  if (state.status === 'loading') return <Loading label="Connecting to the live monitor…" />;
  if (state.status === 'failed') {
    return <LoadFailed what="the live monitor" error={state.error} onRetry={retry} />;
  }
  const { monitor, offsetMs } = state;

  async function hangUp(sid: string) {
    setHangUps((h) => ({ ...h, [sid]: 'hanging-up' }));
    if (operatorRoom.state.status !== 'off' && operatorRoom.state.sid === sid) operatorRoom.leave();
    try {
      await hangUpCall(sid);
      setHangUps(({ [sid]: _, ...rest }) => rest);
    } catch (error) {
      setHangUps((h) => ({ ...h, [sid]: `Couldn't hang up: ${errorText(error)}` }));
    }
  }

  return (
    <section aria-labelledby="monitor-title" className="live-monitor">
      <div className="console-title">
        <h2 id="monitor-title">
          Live monitor{' '}
          {live ? (
            <span className="live-dot" aria-label="live, updating">
              ● Live
            </span>
          ) : (
            <span className="muted small">(finished)</span>
          )}
        </h2>
        {state.status === 'live' && state.trouble !== null && (
          <p className="form-error" role="alert">
            Not updating: {errorText(state.trouble)} Still trying…
          </p>
        )}
      </div>
      <MonitorCounters monitor={monitor} />
      {state.status === 'finished' && (
        <Empty>
          <p>
            This campaign is {monitor.campaign.status}.{' '}
            <Link href={`/console/campaigns/${campaignId}/results`}>See its results</Link>
          </p>
        </Empty>
      )}
      <OperatorBar room={operatorRoom} />
      <div ref={operatorRoom.audioRef} hidden data-testid="operator-audio" />
      {live && monitor.liveCalls.length === 0 && (
        <Empty>
          <p>
            No live calls right now
            {monitor.campaign.status === 'running' ? ' — the next ones start shortly.' : '.'}
          </p>
        </Empty>
      )}
      <ul className="live-calls" aria-label="Live calls">
        {monitor.liveCalls.map((call) => (
          <LiveCallCard
            key={call.sid}
            call={call}
            serverNow={now + offsetMs}
            operatorRoom={operatorRoom}
            hangUp={hangUps[call.sid]}
            onHangUp={() => void hangUp(call.sid)}
          />
        ))}
      </ul>
    </section>
  );
}

function MonitorCounters({ monitor }: { monitor: CampaignMonitor }) {
  const { leads, outcomes } = monitor;
  const shownOutcomes = Object.entries(outcomes).filter(([, count]) => count > 0);
  return (
    <div className="monitor-counters">
      <dl className="counters" aria-label="Leads">
        <Counter label={LEAD_STATE_NAMES.dialing} value={leads.dialing} />
        <Counter label={LEAD_STATE_NAMES.in_call} value={leads.in_call} />
        <Counter
          label="Live calls / most at once"
          value={`${leads.dialing + leads.in_call} / ${monitor.campaign.concurrency}`}
        />
        <Counter label={LEAD_STATE_NAMES.pending} value={leads.pending} />
        <Counter label={LEAD_STATE_NAMES.retry_scheduled} value={leads.retry_scheduled} />
        <Counter label={LEAD_STATE_NAMES.done} value={leads.done} />
        <Counter label={LEAD_STATE_NAMES.failed} value={leads.failed} />
        <Counter label={LEAD_STATE_NAMES.skipped} value={leads.skipped} />
      </dl>
      <dl className="counters counters--small" aria-label="Outcomes">
        {shownOutcomes.length === 0 ? (
          <div className="muted small">No outcomes yet</div>
        ) : (
          shownOutcomes.map(([outcome, count]) => (
            <Counter key={outcome} label={outcomeName(outcome)} value={count} />
          ))
        )}
      </dl>
    </div>
  );
}
