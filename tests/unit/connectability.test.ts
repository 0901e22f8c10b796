import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeDials } from '../../lab-server/connectability';

test('either transport answering is connectable, and the words say which', () => {
  const both = describeDials({ ok: true }, { ok: true });
  assert.equal(both.connectable, true);
  assert.match(both.reason, /^connectable over TCP and uTP/);
  const tcp = describeDials({ ok: true }, { ok: false, code: 'ETIMEDOUT' });
  assert.equal(tcp.connectable, true);
  assert.match(tcp.reason, /^connectable over TCP only/);
  const utp = describeDials({ ok: false, code: 'ETIMEDOUT' }, { ok: true });
  assert.equal(utp.connectable, true);
  assert.match(utp.reason, /^connectable over uTP only \(TCP no answer: .*NAT router/);
});

test('neither answering is not connectable, with each reason (once when they agree)', () => {
  const silent = describeDials({ ok: false, code: 'ETIMEDOUT' }, { ok: false, code: 'ETIMEDOUT' });
  assert.equal(silent.connectable, false);
  assert.equal(
    silent.reason,
    'no answer: behind a NAT router or a firewall that drops incoming connections (neither TCP nor uTP answered)',
  );
  const mixed = describeDials(
    { ok: false, code: 'ECONNREFUSED' },
    { ok: false, code: 'ETIMEDOUT' },
  );
  assert.equal(mixed.connectable, false);
  assert.match(mixed.reason, /^TCP refused: .*; uTP no answer: /);
  assert.match(
    describeDials({ ok: false }, { ok: false, code: 'EX' }).reason,
    /^TCP failed; uTP failed \(EX\)$/,
  );
});
