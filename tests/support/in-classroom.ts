/**
 * Runs a command on the lab host of a fresh classroom, then tears the classroom down:
 *
 *   npx tsx tests/support/in-classroom.ts [--attendees N] -- <command> [args…]
 *
 * The command sees SWARMLAB_CLASSROOM (the room, as JSON: `joinClassroom()` reads it) and
 * SWARMLAB_TEST_ADDRESS (the lab host's address: `testAddress()` in net.ts). It can start
 * browsers and clients on attendee hosts with `ip netns exec <ns> …` (it is root), or add hosts
 * of its own with `joinClassroom().addHost({...})`. The wrapper exits with the command's code.
 */
import { classroomEnv, createClassroom } from './classroom';

function usage(message: string): never {
  console.error(
    `${message}\nusage: in-classroom.ts [--attendees N] [--lab-up-mbit R] -- <command> [args…]`,
  );
  process.exit(2);
}

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
if (dash < 0 || dash === argv.length - 1) usage('in-classroom: no command given after `--`');
const flags = argv.slice(0, dash);
const command = argv.slice(dash + 1);
let attendees = 0;
let labUpMbit: number | undefined;
for (let i = 0; i < flags.length; i++) {
  const value = Number(flags[i + 1]);
  if (flags[i] === '--attendees' && Number.isInteger(value) && value >= 0) attendees = value;
  else if (flags[i] === '--lab-up-mbit' && value > 0) labUpMbit = value;
  else usage(`in-classroom: bad option ${flags[i]} ${flags[i + 1] ?? ''}`);
  i++;
}

let classroom;
try {
  classroom = createClassroom({
    attendees,
    lab: labUpMbit === undefined ? undefined : { upMbit: labUpMbit },
  });
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
const room = classroom;
console.error(
  `in-classroom: ${room.subnet} (tag ${room.tag}), lab ${room.lab.address} in ${room.lab.ns}, ` +
    `${room.attendees.length} attendee host(s)`,
);

const child = room.lab.spawn(command[0]!, command.slice(1), {
  stdio: 'inherit',
  env: { ...process.env, ...classroomEnv(room) },
});
// A parent's SIGTERM (a CI timeout) reaches the command too; the classroom's own handler tears
// the room down, and we exit once the command has.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => child.kill(signal));
child.once('error', (err) => {
  console.error(`in-classroom: cannot run ${command[0]}: ${err.message}`);
  void room.close().then(() => process.exit(127));
});
child.once('exit', (code, signal) => {
  void room.close().then(() => process.exit(code ?? (signal ? 128 + 15 : 1)));
});
