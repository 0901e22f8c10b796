/**
 * Plays a torrent's WebM while it downloads, with Media Source Extensions.
 *
 * The attendee's page is plain http on a LAN address, not a secure context: no service worker,
 * so webtorrent's streamTo/createServer cannot serve it. Instead the file is read in order from
 * webtorrent's file iterator and each chunk is appended to a SourceBuffer. The iterator only
 * selects the file; under rarest-first its pieces would still come in random order, so the class
 * peer (class-peer.ts, `filmFirst`) also selects the next few missing pieces ahead of the rest.
 */

/** The class pack's film: its name in the torrent and how render-video.ts encodes it. */
export const PACK_FILM = { name: 'swarm-film.webm', mime: 'video/webm; codecs="vp8,opus"' };
export const FILM_MIME = PACK_FILM.mime;

/** The part of a webtorrent file this needs. */
export interface StreamableFile {
  name: string;
  length: number;
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array<ArrayBuffer>>;
}

export type VideoStreamPhase = 'starting' | 'streaming' | 'complete' | 'unsupported' | 'error';

export interface VideoStreamStatus {
  phase: VideoStreamPhase;
  /** Bytes handed to the player so far. */
  appended: number;
  message: string | null;
}

export interface VideoStream {
  stop(): void;
}

export const MSE_UNAVAILABLE =
  'This browser cannot play a video while it downloads (no Media Source Extensions for WebM). ' +
  'The film is still downloading: open it from “Your files” when the pack is done.';

export function canStream(mime = FILM_MIME): boolean {
  return typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported(mime);
}

function once(target: EventTarget, event: string): Promise<void> {
  return new Promise((resolve) => target.addEventListener(event, () => resolve(), { once: true }));
}

export function streamVideo(
  video: HTMLVideoElement,
  file: StreamableFile,
  onStatus: (status: VideoStreamStatus) => void,
  mime = FILM_MIME,
): VideoStream {
  let stopped = false;
  let appended = 0;
  let iterator: AsyncIterator<Uint8Array<ArrayBuffer>> | null = null;
  const report = (phase: VideoStreamPhase, message: string | null = null) => {
    if (!stopped) onStatus({ phase, appended, message });
  };

  if (!canStream(mime)) {
    report('unsupported', MSE_UNAVAILABLE);
    return { stop: () => void (stopped = true) };
  }

  const source = new MediaSource();
  const url = URL.createObjectURL(source);
  video.src = url;
  report('starting');

  void (async () => {
    try {
      if (source.readyState !== 'open') await once(source, 'sourceopen');
      if (stopped) return;
      const buffer = source.addSourceBuffer(mime);
      iterator = file[Symbol.asyncIterator]();
      let started = false;
      for (;;) {
        const { value, done } = await iterator.next();
        if (stopped) return;
        if (done) break;
        buffer.appendBuffer(value);
        await once(buffer, 'updateend');
        if (stopped) return;
        appended += value.length;
        report('streaming');
        // Muted, so the browser lets it start without a click; the controls unmute it.
        if (!started && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
          started = true;
          video.play().catch(() => {
            /* autoplay refused: the visible controls let the attendee press play */
          });
        }
      }
      if (source.readyState === 'open') source.endOfStream();
      report('complete');
    } catch (err) {
      report('error', `The film could not be played: ${err instanceof Error ? err.message : err}`);
    }
  })();

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      void iterator?.return?.();
      URL.revokeObjectURL(url);
    },
  };
}
