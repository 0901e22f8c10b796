/**
 * Running the classroom's commands (tests/support/classroom.ts): each one checked, failures
 * reported with the command line and its stderr, and root-side commands routed through the
 * named root namespace so hosts can be added from inside another host.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { Command, RoomPlan } from './classroom-plan';

export function run(argv: Command, ignoreFailure = false): string {
  try {
    return execFileSync(argv[0]!, argv.slice(1), {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    if (ignoreFailure) return '';
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`classroom: \`${argv.join(' ')}\` failed${stderr ? `: ${stderr}` : ''}`);
  }
}

/**
 * Root-side commands go through the named root namespace, so they work from any host. Not
 * `ip netns add|delete|exec` nor `ip -n`: they name their namespace themselves, and `ip netns
 * add` inside `ip netns exec` would mount the new namespace in a throwaway mount namespace.
 */
export function inRoot(room: RoomPlan, argv: Command): Command {
  if (argv[0] === 'ip' && (argv[1] === 'netns' || argv[1] === '-n')) return argv;
  return ['ip', 'netns', 'exec', room.rootNs, ...argv];
}

export function assertCanBuild(): void {
  const why: string[] = [];
  if (process.platform !== 'linux') why.push(`this is ${process.platform}, not Linux`);
  if (process.getuid?.() !== 0) why.push('it is not running as root');
  for (const tool of ['ip', 'iptables', 'ip6tables', 'tc', 'bridge']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      why.push(`\`${tool}\` is missing`);
    }
  }
  if (why.length)
    throw new Error(
      `Cannot build a classroom of network namespaces: ${why.join(', ')}. Run as root on Linux ` +
        'with iproute2 and iptables installed (.ci/run installs them).',
    );
}

export function namespaces(): string[] {
  try {
    return readdirSync('/run/netns');
  } catch {
    return [];
  }
}

/** `argv` in the named root namespace, or here when we are in it. */
export function atRoot(rootNs: string | undefined, argv: Command): Command {
  return rootNs ? ['ip', 'netns', 'exec', rootNs, ...argv] : argv;
}
