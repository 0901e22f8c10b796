/**
 * Attendees join by scanning the projector's QR code with a phone: every page they open must fit
 * a 360–412 px screen (nothing wider than it, or the phone zooms the whole page out), and the
 * header folds its links behind a menu button that works by touch and keyboard, while a page
 * without JavaScript still shows every link.
 */
import type { Page } from '@playwright/test';
import { LESSONS } from '../../content/nav';
import { expect, test } from './fixtures';

const ATTENDEE_PAGES = [
  '/',
  '/join',
  '/check',
  '/learn',
  ...LESSONS.map((l) => `/learn/${l.slug}`),
  '/learn/handout',
  '/share',
  '/index',
  '/desktop',
];

/** How far the page reaches past the screen's right edge, and the widest elements doing it. */
async function overflow(page: Page, width: number) {
  return page.evaluate((w) => {
    const culprits: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > w + 1 && culprits.length < 5)
        culprits.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}">`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, culprits };
  }, width);
}

for (const width of [360, 412]) {
  test.describe(`a ${width} px phone`, () => {
    test.use({ viewport: { width, height: 780 } });

    test('no attendee page is wider than the screen', async ({ page, watch }) => {
      watch(page);
      for (const path of ATTENDEE_PAGES) {
        await page.goto(path);
        await expect(page.getByRole('button', { name: 'Menu' })).toBeVisible();
        const o = await overflow(page, width);
        expect(
          o.scrollWidth,
          `${path} is ${o.scrollWidth} px wide: ${o.culprits.join(' ')}`,
        ).toBeLessThanOrEqual(o.innerWidth);
        expect(o.innerWidth).toBe(width);
      }
    });
  });
}

test.describe('the instructor on a phone', () => {
  test.use({ viewport: { width: 360, height: 780 } });

  test('the experiments page, peer list included, fits the screen', async ({
    browser,
    page,
    watch,
  }) => {
    watch(page);
    // A classmate in the swarm, so that the peer table (five columns on a laptop) is drawn.
    const attendee = await browser.newPage();
    watch(attendee);
    await attendee.goto('/join');
    await attendee.getByLabel('Your nickname').fill('Phone Pat');
    await attendee.getByRole('button', { name: 'Join the class swarm' }).click();
    await page.goto(`/instructor#token=${process.env.SWARMLAB_E2E_TOKEN!}`);
    const row = page.getByTestId('experiment-peers').locator('tr[data-nickname="Phone Pat"]');
    await expect(row).toBeVisible({ timeout: 30_000 });
    const fits = async () => {
      const o = await overflow(page, 360);
      expect(o.scrollWidth, o.culprits.join(' ')).toBeLessThanOrEqual(360);
    };
    await fits();
    // The kick's confirmation is the widest cell.
    await row.getByRole('button', { name: 'Kick' }).click();
    await expect(row.getByRole('button', { name: 'Yes, remove' })).toBeVisible();
    await fits();
    await row.getByRole('button', { name: 'Cancel' }).click();
    await attendee.close();
  });
});

test.describe('the header menu on a phone', () => {
  test.use({ viewport: { width: 360, height: 780 } });

  test('opens and closes by touch and keyboard, and closes on the page it leads to', async ({
    page,
    watch,
  }) => {
    watch(page);
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const button = nav.getByRole('button', { name: 'Menu' });
    const slides = nav.getByRole('link', { name: 'Slides' });
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(slides).toBeHidden();

    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(slides).toBeVisible();
    // The open menu lies inside the screen too.
    const box = (await nav.getByRole('link', { name: 'Projector' }).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);

    await page.keyboard.press('Escape');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button).toBeFocused();
    await expect(slides).toBeHidden();

    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Tab');
    await expect(nav.getByRole('link', { name: 'Lessons' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/learn$/);
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(nav.getByRole('link', { name: 'Lessons' })).toBeHidden();
  });
});

test.describe('without JavaScript', () => {
  test.use({ viewport: { width: 360, height: 780 }, javaScriptEnabled: false });

  test('the phone header shows every link, and no dead menu button', async ({ page }) => {
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('button', { name: 'Menu' })).toBeHidden();
    for (const name of [
      'Lessons',
      'Join',
      'Network check',
      'Desktop clients',
      'Slides',
      'Projector',
    ]) {
      await expect(nav.getByRole('link', { name })).toBeVisible();
    }
    const o = await overflow(page, 360);
    expect(o.scrollWidth, o.culprits.join(' ')).toBeLessThanOrEqual(360);
  });
});

test.describe('a laptop', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('shows the links in the header, with no menu button', async ({ page, watch }) => {
    watch(page);
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('button', { name: 'Menu' })).toBeHidden();
    await expect(nav.getByRole('link', { name: 'Projector' })).toBeVisible();
  });
});
