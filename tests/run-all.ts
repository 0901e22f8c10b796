/**
 * `npm test`: every gate, in order, each one's output streamed as it runs, and a summary at
 * the end. Stops at nothing: a failing gate is reported and the rest still run, so one run
 * shows everything that is wrong. Exits non-zero if any gate failed.
 *
 *   npm test                 all gates
 *   npm test -- unit e2e     only the named gates
 */
import { spawnSync } from 'node:child_process';

const GATES: { name: string; script: string }[] = [
  { name: 'typecheck', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
  { name: 'format', script: 'format:check' },
  { name: 'unit', script: 'test:unit' },
  // Integration's route and room tests, and e2e, serve the real production site.
  { name: 'build', script: 'build:site' },
  { name: 'integration', script: 'test:integration' },
  { name: 'e2e', script: 'test:e2e' },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !GATES.some((g) => g.name === w));
if (unknown.length) {
  console.error(
    `Unknown gate(s): ${unknown.join(', ')}. Gates: ${GATES.map((g) => g.name).join(', ')}`,
  );
  process.exit(2);
}
const gates = wanted.length ? GATES.filter((g) => wanted.includes(g.name)) : GATES;

const results: { name: string; ok: boolean; seconds: number }[] = [];
for (const gate of gates) {
  console.log(`\n━━━ ${gate.name} (npm run ${gate.script}) ━━━`);
  const started = Date.now();
  const run = spawnSync('npm', ['run', '--silent', gate.script], { stdio: 'inherit' });
  results.push({ name: gate.name, ok: run.status === 0, seconds: (Date.now() - started) / 1000 });
}

console.log('\n━━━ summary ━━━');
for (const r of results)
  console.log(`  ${r.ok ? '✔' : '✖'} ${r.name.padEnd(12)} ${r.seconds.toFixed(1).padStart(6)} s`);
const failed = results.filter((r) => !r.ok);
console.log(
  failed.length
    ? `\n${failed.length} gate(s) failed: ${failed.map((r) => r.name).join(', ')}`
    : '\nAll gates passed.',
);
process.exit(failed.length ? 1 : 0);
