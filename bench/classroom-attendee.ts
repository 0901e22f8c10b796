/**
 * One attendee of bench/classroom.ts, run on a classroom host of its own: a bot
 * (lab-server/bots.ts: WebRTC through the lab's WebSocket tracker, the browsers' telemetry).
 * It loads, prints `ready`, waits for `go` on stdin so every attendee starts at once, then
 * prints `first <epoch ms>` at its first verified piece and `done <epoch ms>` when its own
 * torrent holds every piece, and keeps seeding to its
 * classmates until stdin closes. With `done` it prints `blocks <json>`: the blocks it received
 * by sending peer id, the copies among them, and webtorrent's hotswaps (bots.ts `blocks()`). Its host's own byte counters (iptables) say where the bytes
 * came from; this process only times itself.
 *
 *   node --import tsx bench/classroom-attendee.ts <lab URL> <nickname>
 */
import { createInterface } from 'node:readline';
import { startBot, type Bot } from '../lab-server/bots';

const [base, nickname] = process.argv.slice(2);
if (!base || !nickname) {
  console.error('usage: classroom-attendee.ts <lab URL> <nickname>');
  process.exit(2);
}

let bot: Bot | undefined;
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() !== 'go' || bot) return;
  void startBot(base, nickname).then(
    (started) => {
      bot = started;
      let first = false;
      const poll = setInterval(() => {
        if (!first && started.progress() > 0) {
          first = true;
          console.log(`first ${Date.now()}`);
        }
        if (started.progress() < 1) return;
        clearInterval(poll);
        console.log(`done ${Date.now()}`);
        // Its own count of blocks received twice, by sender (lib/block-ledger.ts).
        console.log(`blocks ${JSON.stringify(started.blocks())}`);
      }, 50);
    },
    (err: Error) => {
      console.error(`${nickname}: ${err.message}`);
      process.exit(1);
    },
  );
});
// The bench closes stdin when the class is over: leave the swarm cleanly.
lines.on('close', () => {
  void (bot?.close() ?? Promise.resolve()).then(() => process.exit(0));
});
console.log('ready');
