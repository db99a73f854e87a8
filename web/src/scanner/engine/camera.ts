// Reads QR codes from the rear camera: getUserMedia → <video> → canvas → jsQR, a few times a second.
import jsQR, { type QRCode } from 'jsqr';

/** The same text read again within this time is ignored (the code is still in front of the camera). */
export const REPEAT_WINDOW_MS = 3000;
/** Frames are decoded at most this often (jsQR takes ~10–40 ms per 640×480 frame on a phone). */
const FRAME_INTERVAL_MS = 120;
/** Larger frames are scaled down to this width before decoding. */
const MAX_DECODE_WIDTH = 800;

export class CameraError extends Error {
  override name = 'CameraError';
  constructor(
    readonly kind: 'unsupported' | 'denied' | 'not-found' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/** Remembers recent texts so that one code held in front of the camera is submitted once. */
export function createRepeatFilter(windowMs = REPEAT_WINDOW_MS, now: () => number = () => Date.now()) {
  let lastText = '';
  let lastAt = -Infinity;
  return (text: string): boolean => {
    const t = now();
    if (text === lastText && t - lastAt < windowMs) {
      lastAt = t; // still in view: keep ignoring until it has been away for the whole window
      return false;
    }
    lastText = text;
    lastAt = t;
    return true;
  };
}

/**
 * Starts the camera in `video` and calls onCode for each new code read. Resolves to a stop function (stops the
 * tracks and the decoding loop); rejects with a CameraError when there is no camera or it is refused.
 */
export async function startCamera(video: HTMLVideoElement, onCode: (text: string) => void): Promise<() => void> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CameraError('unsupported', 'This browser cannot use the camera (it needs HTTPS).');
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  } catch (error) {
    const name = (error as { name?: string })?.name;
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new CameraError('denied', 'Camera access was refused.');
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw new CameraError('not-found', 'No camera found.');
    throw new CameraError('failed', error instanceof Error ? error.message : String(error));
  }

  video.setAttribute('playsinline', '');
  video.muted = true;
  video.srcObject = stream;
  try {
    await video.play();
  } catch {
    // Autoplay of a muted inline video is allowed; if not, frames still arrive once the user taps.
  }

  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) {
    stream.getTracks().forEach((t) => t.stop());
    throw new CameraError('failed', 'No 2D canvas.');
  }

  const fresh = createRepeatFilter();
  let stopped = false;
  let lastDecode = 0;
  let frame = 0;
  let handle = 0;
  const useFrameCallback = typeof video.requestVideoFrameCallback === 'function';

  const tick = () => {
    try {
      readFrame();
    } finally {
      // Whatever a frame did, the loop goes on: a camera that stops reading after one odd frame is worse than none.
      if (!stopped) handle = useFrameCallback ? video.requestVideoFrameCallback(tick) : requestAnimationFrame(tick);
    }
  };

  const readFrame = () => {
    if (stopped) return;
    const now = performance.now();
    if (now - lastDecode >= FRAME_INTERVAL_MS && video.readyState >= 2 && video.videoWidth > 0) {
      lastDecode = now;
      const scale = Math.min(1, MAX_DECODE_WIDTH / video.videoWidth);
      const w = Math.round(video.videoWidth * scale);
      const h = Math.round(video.videoHeight * scale);
      if (canvas.width !== w) canvas.width = w;
      if (canvas.height !== h) canvas.height = h;
      context.drawImage(video, 0, 0, w, h);
      const image = context.getImageData(0, 0, w, h);
      // Printed and on-screen codes are dark on light: try that alone first (twice as fast); every fourth frame
      // also tries inverted codes (light on dark, some phone themes).
      frame++;
      const code =
        decode(image, 'dontInvert') ?? (frame % 4 === 0 ? decode(image, 'onlyInvert') : null);
      if (code?.data && fresh(code.data)) {
        try {
          onCode(code.data);
        } catch {
          // The page's handler failing must not stop the camera.
        }
      }
    }
  };
  handle = useFrameCallback ? video.requestVideoFrameCallback(tick) : requestAnimationFrame(tick);

  return () => {
    if (stopped) return;
    stopped = true;
    if (useFrameCallback) video.cancelVideoFrameCallback(handle);
    else cancelAnimationFrame(handle);
    stream.getTracks().forEach((t) => t.stop());
    video.srcObject = null;
  };
}

/**
 * One jsQR attempt. jsQR throws on some frames instead of answering null (a uniform picture — a camera starting dark,
 * a covered lens — when it looks for inverted codes): such a frame simply holds no code.
 */
function decode(image: ImageData, inversionAttempts: 'dontInvert' | 'onlyInvert'): QRCode | null {
  try {
    return jsQR(image.data, image.width, image.height, { inversionAttempts });
  } catch {
    return null;
  }
}
