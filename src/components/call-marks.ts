/** What a call screen's <main> says of its call, for the browser tests and the styles. */
export interface CallMarks {
  testId: string;
  status: string;
  /** A 1:1 call's: caller or callee. */
  role?: string;
  /** The room's connection, on a screen that joins it. */
  connection?: string;
}

export function callMarkAttributes({ testId, status, role, connection }: CallMarks) {
  return {
    'data-testid': testId,
    'data-status': status,
    'data-role': role,
    'data-media': connection,
  };
}
