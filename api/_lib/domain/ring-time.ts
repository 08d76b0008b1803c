/**
 * How long a call rings before it is missed: a 1:1 call, an agent call, and a phone's SIP dial
 * alike. The ring time-out job, the sweeper's deadline, the views' ring deadline and the screens'
 * countdown all read it here.
 */
export const RING_SECONDS = 60;
