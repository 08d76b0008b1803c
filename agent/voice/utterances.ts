/**
 * End-pointing by energy: cuts the callee's audio (16 kHz mono, any frame size) into utterances
 * for the recogniser. Speech starts after 60 ms above the level, ends after 700 ms below it, and is
 * cut at 5 s; 200 ms before the start are kept so the first consonant is not lost. A detector
 * hears nothing until it has heard 200 ms of quiet: speech already under way when listening
 * began (the callee talking over the question) would reach the recogniser with its start cut
 * off, and the grammar-bound recogniser turns such a fragment into a confident wrong answer
 * ("…me later" heard as "yes"); the callee's next whole reply is taken instead. The level
 * (about -40 dBFS) is well above a muted or quiet microphone after Opus, and well below speech at
 * a phone's distance. Hand-written rather than the agents framework's Silero VAD: that one needs
 * an ONNX model download, and short replies need nothing finer than this. Pure: no I/O.
 */

export const SAMPLE_RATE = 16_000;
const WINDOW = SAMPLE_RATE / 100; // 10 ms
const LEVEL = 330; // RMS of 16-bit samples ≈ -40 dBFS
const START_WINDOWS = 6;
const END_WINDOWS = 70;
const MAX_WINDOWS = 500;
const PRE_ROLL_WINDOWS = 20;
const QUIET_TO_LISTEN = 20;

export interface UtteranceDetector {
  /** Feeds samples; returns the utterances that ended within them. */
  push(samples: Int16Array): Int16Array[];
  /** True while speech has started and not yet ended. */
  readonly speaking: boolean;
}

export function utteranceDetector(): UtteranceDetector {
  let pending = new Int16Array(0);
  let recent: Int16Array[] = []; // the last windows before speech (pre-roll and start)
  let loudRun = 0;
  let speech: Int16Array[] | null = null;
  let quietRun = 0;
  let heardQuiet = false;

  const windowEnded = (window: Int16Array): Int16Array | undefined => {
    const loud = rms(window) >= LEVEL;
    if (!heardQuiet) {
      quietRun = loud ? 0 : quietRun + 1;
      heardQuiet = quietRun >= QUIET_TO_LISTEN;
      return undefined;
    }
    if (!speech) {
      recent.push(window);
      if (recent.length > PRE_ROLL_WINDOWS + START_WINDOWS) recent.shift();
      loudRun = loud ? loudRun + 1 : 0;
      if (loudRun >= START_WINDOWS) [speech, recent, quietRun] = [recent, [], 0];
      return undefined;
    }
    speech.push(window);
    quietRun = loud ? 0 : quietRun + 1;
    if (quietRun < END_WINDOWS && speech.length < MAX_WINDOWS) return undefined;
    const done = join(speech);
    [speech, loudRun] = [null, 0];
    return done;
  };

  return {
    get speaking() {
      return speech !== null;
    },
    push(samples) {
      const all = join([pending, samples]);
      const ended: Int16Array[] = [];
      let offset = 0;
      for (; offset + WINDOW <= all.length; offset += WINDOW) {
        const done = windowEnded(all.slice(offset, offset + WINDOW));
        if (done) ended.push(done);
      }
      pending = all.slice(offset);
      return ended;
    },
  };
}

function rms(window: Int16Array): number {
  let sum = 0;
  for (const sample of window) sum += sample * sample;
  return Math.sqrt(sum / window.length);
}

function join(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
