/**
 * One bot on an attendee host, reporting its own ground truth for the truth test
 * (tests/integration/truth.test.ts): a JSON line every 250 ms with when it finished and the bytes
 * it received from each peer, as its own webtorrent counted them. Ends on SIGTERM.
 *
 *   ip netns exec <attendee ns> npx tsx tests/support/truth-bot.ts <lab URL> <nickname>
 */
import { startBot } from '../../lab-server/bots';

const [base, nickname] = process.argv.slice(2);
if (!base || !nickname) {
  console.error('usage: truth-bot.ts <lab URL> <nickname>');
  process.exit(2);
}

const bot = await startBot(base, nickname, {
  onWarning: (err) => console.error(`warning: ${err.message}`),
});
const line = () =>
  console.log(
    JSON.stringify({
      peerId: bot.peerId,
      nickname: bot.nickname,
      progress: bot.progress(),
      finishedAt: bot.finishedAt(),
      totals: bot.totals(),
    }),
  );
const timer = setInterval(line, 250);
const stop = () => {
  clearInterval(timer);
  line();
  void bot.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
