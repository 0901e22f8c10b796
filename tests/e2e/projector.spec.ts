import { io } from 'socket.io-client';
import { expect, newWatchedPage, test } from './fixtures';

const base = `http://${process.env.SWARMLAB_E2E_ADDRESS}:${process.env.SWARMLAB_E2E_PORT}`;
const token = process.env.SWARMLAB_E2E_TOKEN!;

test('the projector shows addresses only after the instructor switches them on', async ({
  browser,
  watch,
}) => {
  const projector = await newWatchedPage(await browser.newContext(), watch);
  await projector.goto('/projector');
  const attendee = io(base, { transports: ['websocket'] });
  const instructor = io(base, { transports: ['websocket'], auth: { token } });
  try {
    await attendee.emitWithAck('peer:hello', { peerId: 'ab'.repeat(20), nickname: 'Address test' });
    const row = projector.locator('[data-testid=peer-list] [data-nickname="Address test"]');
    await expect(row).toBeVisible();
    await expect(row.getByTestId('peer-address')).toHaveCount(0);
    // Not only hidden on screen: nobody but the instructor receives the address.
    const addressOf = async (snapshot: { peers: { id: string; address: string | null }[] }) =>
      snapshot.peers.find((p) => p.id === 'ab'.repeat(20))?.address;
    expect(await addressOf(await (await fetch(`${base}/api/swarm`)).json())).toBeNull();
    expect(await addressOf(await attendee.emitWithAck('projector:watch'))).toBeNull();
    expect(await addressOf(await instructor.emitWithAck('projector:watch'))).toMatch(/\d+\./);

    const refused = await attendee.emitWithAck('privacy:set', { showAddresses: true });
    expect(refused.ok).toBe(false);
    await expect(row.getByTestId('peer-address')).toHaveCount(0);

    expect((await instructor.emitWithAck('privacy:set', { showAddresses: true })).ok).toBe(true);
    await expect(row.getByTestId('peer-address')).toHaveText(/\d+\.\d+\.\d+\.\d+/);
    expect(await addressOf(await (await fetch(`${base}/api/swarm`)).json())).toMatch(/\d+\./);
  } finally {
    await instructor.emitWithAck('privacy:set', { showAddresses: false });
    attendee.disconnect();
    instructor.disconnect();
  }
});

test('the instructor page runs experiments with the token, and explains the refusal without it', async ({
  browser,
  watch,
}) => {
  const withToken = await newWatchedPage(await browser.newContext(), watch);
  await withToken.goto(`/instructor#token=${token}`);
  const slider = withToken.getByLabel(/Seeder upload limit/);
  await slider.focus();
  await withToken.keyboard.press('ArrowRight');
  await expect(withToken.getByTestId('seeder-limit')).toHaveText('4 MB/s');
  await withToken.keyboard.press('ArrowLeft');
  await expect(withToken.getByTestId('seeder-limit')).toHaveText('no limit');

  const without = await newWatchedPage(await browser.newContext(), watch);
  await without.goto('/instructor');
  await without.getByRole('button', { name: 'Pause the seeder' }).click();
  await expect(without.getByTestId('experiment-error')).toContainText('Only the instructor');
  await expect(without.getByRole('button', { name: 'Pause the seeder' })).toBeVisible();
});
