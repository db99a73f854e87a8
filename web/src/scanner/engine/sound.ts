// Short verdict tones made with WebAudio (no audio files): a high beep for green, a double beep for orange,
// a low buzz for red, a soft blip for a scan kept offline.
import type { ScanState } from './scanner';

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof window === 'undefined') return null;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    context ??= new Ctor();
  } catch {
    return null;
  }
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  return context;
}

/** Call from a user gesture (the start button, a tap) so that later tones may play on mobile browsers. */
export function unlockAudio(): void {
  audio();
}

function tone(ctx: AudioContext, start: number, duration: number, frequency: number, type: OscillatorType, volume: number) {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.setValueAtTime(frequency, start);
  // Short attack and release: no clicks.
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(volume, start + 0.01);
  gain.gain.setValueAtTime(volume, start + duration - 0.03);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + duration);
  osc.connect(gain).connect(ctx.destination);
  osc.start(start);
  osc.stop(start + duration + 0.02);
}

export function playVerdict(state: ScanState): void {
  const ctx = audio();
  if (!ctx) return;
  const t = ctx.currentTime + 0.01;
  try {
    switch (state) {
      case 'green':
        tone(ctx, t, 0.15, 1760, 'sine', 0.35);
        break;
      case 'orange':
        tone(ctx, t, 0.11, 880, 'square', 0.18);
        tone(ctx, t + 0.18, 0.11, 880, 'square', 0.18);
        break;
      case 'red':
        tone(ctx, t, 0.45, 150, 'sawtooth', 0.3);
        break;
      case 'pending':
        tone(ctx, t, 0.1, 1320, 'triangle', 0.25);
        break;
    }
  } catch {
    // No sound is better than a broken scanner.
  }
}
