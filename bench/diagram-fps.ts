/**
 * Frame rate of the PieceExchange diagram in headless Chromium: requestAnimationFrame
 * callbacks per second while it plays at its default size on the gallery page, then with the
 * swarm at its largest (16 peers) at 8× speed, then scrolled out of view. Frame intervals
 * above 25 ms count as janky. "Drawn" is how many frames the diagram itself drew per second
 * (its `data-frames` counter; 0 when it sleeps off-screen) and "work" how long its part of a
 * frame took (simulate, build the scene, paint the canvas; `data-frame-ms`).
 *
 *   npm start   # in another terminal (or any running lab)
 *   npx tsx bench/diagram-fps.ts [--url http://127.0.0.1:3000/lab/diagrams] [--seconds 5]
 */
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/chromium';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000/lab/diagrams' },
    seconds: { type: 'string', default: '5' },
  },
});
const seconds = Number(args.seconds);

interface Sample {
  fps: number;
  drawn: number;
  p95: number;
  janky: number;
  frames: number;
  workMean: number;
  workP95: number;
}

// Plain JavaScript in a string: tsx would wrap named functions in a helper the page lacks.
const SAMPLE_IN_PAGE = `async (ms) => {
  const figure = document.querySelector('[data-diagram="piece-exchange"]');
  const intervals = [];
  const work = [];
  const drawnBefore = Number(figure.dataset.frames ?? 0);
  const start = performance.now();
  let last = start;
  let seen = drawnBefore;
  await new Promise((done) => {
    const frame = (t) => {
      intervals.push(t - last);
      last = t;
      const drawn = Number(figure.dataset.frames ?? 0);
      if (drawn !== seen) work.push(Number(figure.dataset.frameMs));
      seen = drawn;
      if (t - start < ms) requestAnimationFrame(frame);
      else done();
    };
    requestAnimationFrame(frame);
  });
  const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)] ?? 0;
  return {
    fps: (intervals.length * 1000) / (last - start),
    drawn: ((Number(figure.dataset.frames ?? 0) - drawnBefore) * 1000) / (last - start),
    p95: q(intervals, 0.95),
    janky: intervals.filter((x) => x > 25).length,
    frames: intervals.length,
    workMean: work.length ? work.reduce((a, b) => a + b, 0) / work.length : 0,
    workP95: q(work, 0.95),
  };
}`;

async function sample(page: Page): Promise<Sample> {
  return page.evaluate(`(${SAMPLE_IN_PAGE})(${seconds * 1000})`) as Promise<Sample>;
}

function print(label: string, s: Sample) {
  console.log(
    `${label.padEnd(34)} ${s.fps.toFixed(1).padStart(5)} fps, drawn ${s.drawn.toFixed(1).padStart(5)}/s, ` +
      `p95 interval ${s.p95.toFixed(1)} ms, janky ${s.janky}/${s.frames}, ` +
      `work mean ${s.workMean.toFixed(2)} ms p95 ${s.workP95.toFixed(2)} ms`,
  );
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(args.url!, { waitUntil: 'networkidle' });
  const figure = page.locator('[data-diagram="piece-exchange"]');
  await figure.getByRole('button', { name: 'Pause' }).waitFor();
  const box = await figure.locator('canvas').boundingBox();
  console.log(
    `PieceExchange canvas ${Math.round(box!.width)}×${Math.round(box!.height)} CSS px, ${seconds} s per sample`,
  );
  await page.waitForTimeout(500);
  print('default (7 peers, 32 pieces, 2×)', await sample(page));
  for (let i = 0; i < 9; i++) await figure.getByRole('button', { name: 'Add peer' }).click();
  await figure.getByLabel('Speed').selectOption('8');
  print('16 peers, 32 pieces, 8×', await sample(page));
  await page.locator('[data-diagram="dht-lookup"]').scrollIntoViewIfNeeded();
  await page.waitForTimeout(1000);
  print('scrolled out of view', await sample(page));
} finally {
  await browser.close();
}
