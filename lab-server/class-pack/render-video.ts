/**
 * `npm run render:video`: renders the class pack's film (film-frames.ts) into
 * class-pack/assets/swarm-film.webm. A dev-time tool: it needs Chromium and ffmpeg, the lab does
 * not — the rendered WebM is committed, and the pack generator only copies it.
 *
 * Stream-friendly on purpose: VP8 + Opus, a keyframe every second and the cues at the front, so
 * a browser can start playing it through Media Source Extensions while it downloads in order.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/support/chromium';
import { FILM, filmFrames, PAINTER } from './film-frames';
import { synthesizeWav } from './wav';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets', 'swarm-film.webm');

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-film-'));
  const wav = path.join(tmp, 'song.wav');
  writeFileSync(wav, synthesizeWav(FILM.seconds * 44_100 * 4 + 44));
  mkdirSync(path.dirname(OUT), { recursive: true });

  const ffmpeg = spawn(
    'ffmpeg',
    [
      '-y',
      '-loglevel',
      'error',
      ...['-f', 'image2pipe', '-framerate', String(FILM.fps), '-i', '-'],
      ...['-i', wav],
      ...['-map', '0:v', '-map', '1:a', '-shortest'],
      ...['-c:v', 'libvpx', '-b:v', '1000k', '-crf', '8', '-qmax', '40'],
      ...['-g', String(FILM.fps), '-keyint_min', String(FILM.fps), '-auto-alt-ref', '0'],
      ...['-c:a', 'libopus', '-b:a', '96k'],
      ...['-cues_to_front', '1', '-reserve_index_space', '4096'],
      // No muxing date or encoder version in the file: re-rendering changes only what changed.
      ...['-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact'],
      OUT,
    ],
    { stdio: ['pipe', 'inherit', 'inherit'] },
  );
  const exited = new Promise<void>((resolve, reject) => {
    ffmpeg.on('error', (err) =>
      reject(new Error(`ffmpeg did not start (apt-get install -y ffmpeg): ${err.message}`)),
    );
    ffmpeg.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`ffmpeg exit ${code}`)),
    );
  });

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: FILM.width, height: FILM.height } });
    await page.setContent(
      `<body style="margin:0"><canvas id="c" width="${FILM.width}" height="${FILM.height}"></canvas></body>`,
    );
    await page.addScriptTag({ content: PAINTER });
    let n = 0;
    for (const ops of filmFrames()) {
      await page.evaluate((o) => (window as unknown as { paint(o: unknown): void }).paint(o), ops);
      const png = await page.screenshot({ type: 'png' });
      if (!ffmpeg.stdin.write(png))
        await new Promise((r) => ffmpeg.stdin.once('drain', () => r(null)));
      if (++n % FILM.fps === 0) process.stdout.write(`\r${n / FILM.fps} s rendered`);
    }
    ffmpeg.stdin.end();
    await exited;
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\n${OUT}: ${(statSync(OUT).size / 1024 / 1024).toFixed(2)} MiB`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
