import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  ConnectivityReportSchema,
  describeConnectivity,
  summarizeConnectivity,
  wireKind,
  type CandidateType,
  type ReportedWire,
} from '../../lib/connectivity';

const id = (n: number) => n.toString(16).padStart(40, '0');
const SEEDER = id(999);
const isSeeder = (p: string) => p === SEEDER;
const wire = (a: number, b: string | number, local: CandidateType, remote: CandidateType) =>
  ({
    peerId: id(a),
    remotePeerId: typeof b === 'string' ? b : id(b),
    local,
    remote,
  }) as ReportedWire;

const candidate = fc.constantFrom<CandidateType>('host', 'srflx', 'prflx', 'relay');
const classmateWire = fc
  .record({
    a: fc.integer({ min: 1, max: 20 }),
    b: fc.integer({ min: 21, max: 40 }),
    local: candidate,
    remote: candidate,
  })
  .map(({ a, b, local, remote }) => wire(a, b, local, remote));
const seederWire = fc
  .record({ a: fc.integer({ min: 1, max: 40 }), local: candidate, remote: candidate })
  .map(({ a, local, remote }) => wire(a, SEEDER, local, remote));

test('a wire is relayed if either end is relay, reflexive if either is srflx, else direct', () => {
  assert.equal(wireKind({ local: 'host', remote: 'relay' }), 'relayed');
  assert.equal(wireKind({ local: 'srflx', remote: 'relay' }), 'relayed');
  assert.equal(wireKind({ local: 'srflx', remote: 'host' }), 'reflexive');
  assert.equal(wireKind({ local: 'prflx', remote: 'host' }), 'direct');
  assert.equal(wireKind({ local: 'host', remote: 'host' }), 'direct');
});

test('no wires is unknown; one attendee with the seeder is alone; two or more, seeder-only', () => {
  assert.equal(summarizeConnectivity([], isSeeder).state, 'unknown');
  // A lone attendee has nobody to reach: not evidence that the Wi-Fi isolates laptops.
  assert.equal(summarizeConnectivity([wire(1, SEEDER, 'host', 'prflx')], isSeeder).state, 'alone');
  assert.equal(
    summarizeConnectivity(
      [wire(1, SEEDER, 'host', 'prflx'), wire(2, SEEDER, 'host', 'host')],
      isSeeder,
    ).state,
    'seeder-only',
  );
});

test('an isolated room, where every classmate wire is relayed, is relayed', () => {
  fc.assert(
    fc.property(
      fc.array(classmateWire, { minLength: 1, maxLength: 30 }),
      fc.array(seederWire),
      (cw, sw) => {
        const relayed = cw.map((w) => ({ ...w, local: 'relay' as const }));
        assert.equal(summarizeConnectivity([...relayed, ...sw], isSeeder).state, 'relayed');
      },
    ),
  );
});

test('seeder wires never change the state once classmates are connected', () => {
  fc.assert(
    fc.property(
      fc.array(classmateWire, { minLength: 1, maxLength: 30 }),
      fc.array(seederWire, { maxLength: 30 }),
      (cw, sw) => {
        assert.equal(
          summarizeConnectivity([...cw, ...sw], isSeeder).state,
          summarizeConnectivity(cw, isSeeder).state,
        );
      },
    ),
  );
});

test('the state does not depend on report order, and a wire reported by both ends counts once', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(classmateWire, seederWire), { maxLength: 40 }),
      fc.nat(),
      (ws, seed) => {
        const shuffled = [...ws].sort((x, y) =>
          x.peerId + x.remotePeerId + seed < y.peerId + y.remotePeerId + seed ? -1 : 1,
        );
        const a = summarizeConnectivity(ws, isSeeder);
        const b = summarizeConnectivity(shuffled, isSeeder);
        // Duplicates of one pair may differ in kind; the first report of a pair wins. Without
        // duplicates, order never matters.
        const pairs = new Set(ws.map((w) => [w.peerId, w.remotePeerId].sort().join()));
        if (pairs.size === ws.length) assert.deepEqual(a, b);
        const counted =
          a.classmates.direct + a.classmates.reflexive + a.classmates.relayed + a.seederWires;
        assert.equal(counted, pairs.size);
      },
    ),
  );
});

test('the state is the most common kind of classmate wire, ties going to the worse', () => {
  const s = summarizeConnectivity(
    [wire(1, 21, 'host', 'host'), wire(2, 22, 'relay', 'host'), wire(3, 23, 'srflx', 'host')],
    isSeeder,
  );
  assert.equal(s.state, 'relayed');
  const d = summarizeConnectivity(
    [wire(1, 21, 'host', 'host'), wire(2, 22, 'host', 'prflx'), wire(3, 23, 'relay', 'host')],
    isSeeder,
  );
  assert.equal(d.state, 'direct');
});

test('the words for an isolating Wi-Fi say what happens and what to do', () => {
  const { headline, advice } = describeConnectivity('relayed');
  assert.match(headline, /relayed through the instructor's laptop/);
  assert.match(advice, /phone hotspot or a wired switch/);
});

test('a report is validated: bad peer ids and candidate types are refused', () => {
  assert.equal(
    ConnectivityReportSchema.safeParse({
      wires: [{ remotePeerId: id(1), local: 'host', remote: 'relay' }],
    }).success,
    true,
  );
  assert.equal(
    ConnectivityReportSchema.safeParse({
      wires: [{ remotePeerId: 'x', local: 'host', remote: 'relay' }],
    }).success,
    false,
  );
  assert.equal(
    ConnectivityReportSchema.safeParse({
      wires: [{ remotePeerId: id(1), local: 'tcp', remote: 'relay' }],
    }).success,
    false,
  );
});
