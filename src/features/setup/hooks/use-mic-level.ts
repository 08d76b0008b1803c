// Drives a level meter from a microphone track without re-rendering: the level (0–1) is written
// to a CSS custom property on the meter element every animation frame.
import { useEffect, type RefObject } from 'react';

export function useMicLevel(track: MediaStreamTrack | null, meter: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const element = meter.current;
    if (!track || !element || typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let frame = 0;
    const draw = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      // RMS of speech sits around 0.02–0.2; scale so normal talking fills most of the bar.
      const level = Math.min(1, Math.sqrt(sum / samples.length) * 5);
      element.style.setProperty('--level', level.toFixed(3));
      frame = requestAnimationFrame(draw);
    };
    draw();
    // Browsers start an AudioContext suspended until the first tap.
    const resume = () => void context.resume();
    window.addEventListener('pointerdown', resume, { once: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('pointerdown', resume);
      element.style.setProperty('--level', '0');
      void context.close();
    };
  }, [track, meter]);
}
