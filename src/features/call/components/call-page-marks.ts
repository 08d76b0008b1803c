import type { CallMarks } from '../../../components/call-marks';
import type { CallView } from '../../../lib/calls/call-view';
import type { CallConnection } from '../../../lib/livekit/use-call-room';

/** What every 1:1 call screen says of its call: the status, my role, the room (where joined). */
export function callPageMarks(call: CallView, connection?: CallConnection): CallMarks {
  return {
    testId: 'call-page',
    status: call.status,
    role: call.role,
    connection: connection?.status,
  };
}
