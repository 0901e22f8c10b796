/** WhoSeesWhat's model: the privacy lesson's rules, checked for every combination of tools. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FACTS,
  NO_TOOLS,
  TOOLS,
  whoSees,
  type Fact,
  type Observer,
  type Tools,
} from '../../lib/diagrams/who-sees';

const ALL: Tools[] = Array.from(
  { length: 16 },
  (_, bits) => Object.fromEntries(TOOLS.map((t, i) => [t, (bits & (1 << i)) !== 0])) as Tools,
);
const level = (t: Tools, o: Observer, f: Fact) =>
  whoSees(t).find((r) => r.observer === o)?.cells[f].level;

test('with no tools, the network, the tracker and the peers see everything they can', () => {
  for (const f of FACTS) assert.equal(level(NO_TOOLS, 'network', f), 'yes', f);
  assert.deepEqual(
    whoSees(NO_TOOLS).map((r) => r.observer),
    ['network', 'tracker', 'peers'],
  );
  assert.equal(level(NO_TOOLS, 'tracker', 'content'), 'no');
  assert.equal(level(NO_TOOLS, 'peers', 'content'), 'yes');
});

test('every combination: who appears, and what never changes', () => {
  for (const t of ALL) {
    const observers = whoSees(t).map((r) => r.observer);
    assert.equal(observers.includes('vpn'), t.vpn);
    assert.equal(observers.includes('seedbox'), t.seedbox);
    assert.equal(observers.includes('proxy'), t.proxy && !t.seedbox);
    // Your own line always knows it is you; a tracker never gets pieces; whoever is in the swarm
    // for you (you, or your seedbox) tells peers and tracker the info hash.
    assert.equal(level(t, 'network', 'address'), 'yes');
    assert.equal(level(t, 'tracker', 'content'), 'no');
    for (const o of ['tracker', 'peers'] as const) {
      assert.equal(level(t, o, 'infohash'), 'yes');
      assert.equal(level(t, o, 'bittorrent'), 'yes');
    }
    for (const row of whoSees(t)) {
      for (const f of FACTS) assert.ok(row.cells[f].why.length > 10, `${row.observer}/${f}`);
    }
  }
});

test('encryption hides nothing from the tracker or the peers, and not the info hash from the ISP', () => {
  for (const t of ALL.filter((x) => !x.encryption)) {
    const on = { ...t, encryption: true };
    for (const o of ['tracker', 'peers'] as const) {
      assert.deepEqual(
        whoSees(on).find((r) => r.observer === o)!.cells,
        whoSees(t).find((r) => r.observer === o)!.cells,
      );
    }
    if (!t.vpn && !t.seedbox) {
      // Tracker announces stay plain: the network still learns the swarm, not the pieces.
      assert.equal(level(on, 'network', 'infohash'), 'yes');
      assert.equal(level(on, 'network', 'content'), 'no');
      assert.equal(level(t, 'network', 'content'), 'yes');
    }
  }
});

test('a proxy does not encrypt: the network sees what it saw; only the swarm loses your address', () => {
  for (const t of ALL.filter((x) => !x.proxy && !x.vpn && !x.seedbox)) {
    const on = { ...t, proxy: true };
    assert.deepEqual(
      whoSees(on).find((r) => r.observer === 'network')!.cells,
      whoSees(t).find((r) => r.observer === 'network')!.cells,
    );
    assert.equal(level(on, 'tracker', 'address'), 'no');
    assert.equal(level(on, 'peers', 'address'), 'partly', 'UDP may go around it');
    assert.equal(level(on, 'proxy', 'infohash'), 'yes');
  }
});

test('a VPN moves what the network saw to the VPN provider', () => {
  for (const t of ALL.filter((x) => !x.vpn)) {
    const on = { ...t, vpn: true };
    for (const f of FACTS.filter((x) => x !== 'address')) {
      assert.equal(level(on, 'network', f), 'no', f);
      assert.equal(level(on, 'vpn', f), level(t, 'network', f), f);
    }
    if (!t.seedbox) assert.equal(level(on, 'tracker', 'address'), 'no');
  }
});

test('a seedbox: the swarm sees the seedbox, the host sees everything, your line sees only files', () => {
  for (const t of ALL.filter((x) => x.seedbox)) {
    for (const o of ['tracker', 'peers'] as const) assert.equal(level(t, o, 'address'), 'no');
    for (const f of ['bittorrent', 'infohash', 'content'] as const) {
      assert.equal(level(t, 'seedbox', f), 'yes');
      assert.equal(level(t, t.vpn ? 'vpn' : 'network', f), 'no');
    }
  }
});
