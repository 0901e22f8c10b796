/**
 * Slides and slide sync, in real Chromium pages against the real lab: the presenter (with the
 * instructor token) drives; the projected view and attendees who follow move with it within half
 * a second; nobody without the token can move the class.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SlideMoveReply,
} from '../../lib/protocol';
import { expect, newWatchedPage, test } from './fixtures';

const TOKEN = process.env.SWARMLAB_E2E_TOKEN!;
const BASE = `http://${process.env.SWARMLAB_E2E_ADDRESS}:${process.env.SWARMLAB_E2E_PORT}`;
const FOLLOW_BUDGET_MS = 500;
const SHOTS = 'test-results/slides';

type Watch = (page: Page) => void;
type Moves = { __moves: { slide: string; step: string; at: number }[] };

const stage = (page: Page) => page.getByTestId('slide-stage');

/** Opens a page; a slide view is returned once hydrated, so its keys work. */
async function openPage(
  browser: Browser,
  watch: Watch,
  url: string,
  viewport = { width: 1280, height: 720 },
) {
  const context = await browser.newContext({ viewport });
  const page = await newWatchedPage(context, watch);
  await gotoSlides(page, url);
  return page;
}

async function gotoSlides(page: Page, url: string) {
  await page.goto(url);
  if (/^\/slides\/[^/]+(\/\d+)?(\?|$)/.test(url))
    await expect(stage(page)).toHaveAttribute('data-ready', 'true');
}
const presenterView = (page: Page) => page.getByTestId('presenter');

/** Records when the stage's slide or step attribute changes, by the page's own clock. */
async function recordMoves(page: Page) {
  await page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('[data-testid=slide-stage]')!;
    const w = window as unknown as Moves;
    w.__moves = [];
    new MutationObserver(() => {
      w.__moves.push({ slide: el.dataset.slide!, step: el.dataset.step!, at: Date.now() });
    }).observe(el, { attributes: true, attributeFilter: ['data-slide', 'data-step'] });
  });
}

/** When this page first showed slide.step, or null if it never did. */
const arrivedAt = (page: Page, slide: string, step: string) =>
  page.evaluate(
    ([slide, step]) =>
      (window as unknown as Moves).__moves.find((m) => m.slide === slide && m.step === step)?.at ??
      null,
    [slide, step] as const,
  );

async function presenterAt(presenter: Page) {
  const el = presenterView(presenter);
  return {
    slide: (await el.getAttribute('data-slide'))!,
    step: (await el.getAttribute('data-step'))!,
  };
}

test('the presenter drives; the projected view and three followers move within half a second', async ({
  browser,
  watch,
}) => {
  const presenter = await openPage(browser, watch, `/slides/intro/presenter#token=${TOKEN}`, {
    width: 1440,
    height: 900,
  });
  await expect(presenterView(presenter)).toHaveAttribute('data-instructor', 'true');
  await presenter.keyboard.press('Home');
  await expect(presenterView(presenter)).toHaveAttribute('data-slide', '1');
  await expect(presenter.getByTestId('presenter-notes')).toContainText('Welcome');

  // The projector follows from its address; attendees follow from the bar on the deck index.
  const projector = await openPage(browser, watch, '/slides/intro?follow=1', {
    width: 1600,
    height: 900,
  });
  const attendees = await Promise.all([0, 1, 2].map(() => openPage(browser, watch, '/slides')));
  for (const attendee of attendees) {
    await attendee
      .getByTestId('follow-instructor')
      .getByRole('link', { name: 'Follow along' })
      .click();
    await expect(attendee).toHaveURL(/\/slides\/intro\/1\?follow=1$/);
  }
  const followers = [projector, ...attendees];
  for (const page of followers) {
    await expect(stage(page)).toHaveAttribute('data-following', 'true');
    await expect(stage(page)).toHaveAttribute('data-slide', '1');
    await recordMoves(page);
  }

  // Step through slide 2's reveals and on to slide 3, timing every follower on every move.
  const latencies: number[] = [];
  for (let i = 0; i < 6; i++) {
    const pressedAt = Date.now();
    await presenter.keyboard.press(i % 2 ? 'Space' : 'ArrowRight');
    const { slide, step } = await presenterAt(presenter);
    for (const page of followers) {
      await expect(stage(page)).toHaveAttribute('data-slide', slide, { timeout: 2000 });
      await expect(stage(page)).toHaveAttribute('data-step', step, { timeout: 2000 });
      const at = await arrivedAt(page, slide, step);
      expect(at, `${page.url()} never showed ${slide}.${step}`).not.toBeNull();
      latencies.push(at! - pressedAt);
    }
  }
  expect(await presenterAt(presenter)).toEqual({ slide: '3', step: '0' });
  await expect(projector).toHaveURL(/\/slides\/intro\/3\?follow=1$/);
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `follow latency over ${latencies.length} moves: median ${sorted[sorted.length >> 1]} ms, max ${sorted.at(-1)} ms`,
  );
  expect(Math.max(...latencies)).toBeLessThan(FOLLOW_BUDGET_MS);

  // An attendee steps away by paging on their own, stays put while the class moves on, and comes back.
  const [wanderer, ...others] = attendees;
  await wanderer!.keyboard.press('ArrowLeft');
  await expect(stage(wanderer!)).toHaveAttribute('data-following', 'false');
  await expect(wanderer!).toHaveURL(/\/slides\/intro\/2$/);
  await presenter.keyboard.press('ArrowDown');
  for (const page of [projector, ...others])
    await expect(stage(page)).toHaveAttribute('data-slide', '4');
  await wanderer!.waitForTimeout(FOLLOW_BUDGET_MS);
  await expect(stage(wanderer!)).toHaveAttribute('data-slide', '2');
  await wanderer!.getByTestId('follow-button').click();
  await expect(stage(wanderer!)).toHaveAttribute('data-following', 'true');
  await expect(stage(wanderer!)).toHaveAttribute('data-slide', '4');

  // Opening another deck's presenter view and moving takes every follower along to that deck.
  await presenter.goto('/slides/how-a-torrent-works/presenter');
  await expect(presenter.getByText('Your next move brings everyone to this deck')).toBeVisible();
  await presenter.keyboard.press('ArrowRight');
  for (const page of followers) {
    await expect(page).toHaveURL(/\/slides\/how-a-torrent-works\/2\?follow=1$/);
    await expect(stage(page)).toHaveAttribute('data-slide', '2');
  }

  await Promise.all([presenter, ...followers].map((p) => p.context().close()));
});

test('without the instructor token nobody moves the class, and the presenter view says why', async ({
  browser,
  watch,
}) => {
  const presenter = await openPage(browser, watch, `/slides/peer-wire/presenter#token=${TOKEN}`);
  await expect(presenterView(presenter)).toHaveAttribute('data-instructor', 'true');
  await presenter.keyboard.press('Home');
  const follower = await openPage(browser, watch, '/slides/peer-wire?follow=1');
  await expect(stage(follower)).toHaveAttribute('data-slide', '1');

  const attendee = await openPage(browser, watch, '/slides/peer-wire/presenter');
  await expect(attendee.getByTestId('presenter-gate')).toContainText('needs the instructor token');
  await attendee.keyboard.press('ArrowRight');

  const impostor = await openPage(
    browser,
    watch,
    '/slides/peer-wire/presenter#token=not-the-instructor-token',
  );
  await expect(impostor.getByTestId('presenter-gate')).toContainText(
    'did not accept this instructor token',
  );
  await impostor.keyboard.press('ArrowRight');

  // A hand-made client, with no token and with a wrong one: the lab refuses, whatever the seq.
  for (const auth of [{}, { token: 'not-the-instructor-token' }]) {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(BASE, {
      transports: ['websocket'],
      auth,
      forceNew: true,
    });
    const reply = await new Promise<SlideMoveReply>((resolve) =>
      socket.emit(
        'slides:move',
        { deck: 'peer-wire', slide: 5, step: 0, sender: 'attendee', seq: 1e12 },
        resolve,
      ),
    );
    socket.disconnect();
    expect(reply.ok).toBe(false);
    expect(reply.error).toMatch(/only the instructor/);
    expect(reply.state).toMatchObject({ deck: 'peer-wire', slide: 1, step: 0 });
  }

  await follower.waitForTimeout(FOLLOW_BUDGET_MS);
  await expect(stage(follower)).toHaveAttribute('data-slide', '1');
  await expect(presenterView(presenter)).toHaveAttribute('data-slide', '1');
  // The instructor still drives after all that (a huge refused seq did not block the real one).
  await presenter.keyboard.press('ArrowDown');
  await expect(stage(follower)).toHaveAttribute('data-slide', '2');

  await Promise.all([presenter, follower, attendee, impostor].map((p) => p.context().close()));
});

test('a slide has its own address; keys, overview and reload land where they should', async ({
  browser,
  watch,
}) => {
  const page = await openPage(browser, watch, '/slides/how-a-torrent-works/3');
  await expect(stage(page)).toHaveAttribute('data-slide', '3');
  await expect(stage(page)).toHaveAttribute('data-following', 'false');
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(/\/slides\/how-a-torrent-works\/4$/);
  await page.keyboard.press('PageDown');
  await expect(stage(page)).toHaveAttribute('data-step', '1');
  await page.reload();
  await expect(stage(page)).toHaveAttribute('data-ready', 'true');
  await expect(stage(page)).toHaveAttribute('data-slide', '4');

  await page.keyboard.press('End');
  const count = await page.getByTestId('slide-counter').textContent();
  await expect(stage(page)).toHaveAttribute('data-slide', count!.split('/')[1]!.trim());
  await page.keyboard.press('Home');
  await expect(stage(page)).toHaveAttribute('data-slide', '1');

  await page.keyboard.press('o');
  const overview = page.getByTestId('overview');
  await expect(overview).toBeVisible();
  await overview.locator('button[data-slide="5"]').click();
  await expect(overview).toBeHidden();
  await expect(stage(page)).toHaveAttribute('data-slide', '5');
  await expect(page).toHaveURL(/\/slides\/how-a-torrent-works\/5$/);
  await page.context().close();
});

test('screenshots: projected slides, the overview and the presenter, light and dark', async ({
  browser,
  watch,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  const hideControls = 'nav[aria-label="Slide controls"] { visibility: hidden !important; }';
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({
      viewport: { width: 1600, height: 900 },
      colorScheme,
    });
    const page = await newWatchedPage(context, watch);
    for (const [deck, slide] of [
      ['intro', 1],
      ['intro', 3],
      ['intro', 4],
      ['intro', 5],
      ['how-a-torrent-works', 2],
      ['how-a-torrent-works', 8],
      ['live-swarm', 2],
      ['live-swarm', 3],
      ['peer-wire', 3],
      ['peer-wire', 4],
      ['peer-wire', 8],
      ['dht-nat-webtorrent', 3],
      ['create-and-share', 1],
    ] as const) {
      await gotoSlides(page, `/slides/${deck}/${slide}`);
      // Down then Left: the next slide, then back to this one with every reveal shown.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowLeft');
      await expect(stage(page)).toHaveAttribute('data-slide', String(slide));
      await page.waitForTimeout(700);
      await page.screenshot({
        path: `${SHOTS}/${deck}-${slide}-${colorScheme}.png`,
        style: hideControls,
      });
    }
    await page.mouse.move(800, 450);
    await page.screenshot({ path: `${SHOTS}/controls-${colorScheme}.png` });
    await page.keyboard.press('o');
    await page.waitForTimeout(1000);
    await page.screenshot({ path: `${SHOTS}/overview-${colorScheme}.png` });

    const presenter = await newWatchedPage(context, watch);
    await presenter.goto(`/slides/live-swarm/presenter#token=${TOKEN}`);
    await expect(presenterView(presenter)).toHaveAttribute('data-instructor', 'true');
    await presenter.keyboard.press('Home');
    await presenter.keyboard.press('ArrowDown');
    await presenter.waitForTimeout(800);
    await presenter.screenshot({ path: `${SHOTS}/presenter-${colorScheme}.png` });
    await context.close();
  }
});
