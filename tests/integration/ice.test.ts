/**
 * The room's STUN and TURN (lab-server/ice.ts) on loopback, spoken to over real UDP sockets:
 * a binding request answers with the address the lab saw; the relay refuses allocations without
 * the lab's credentials (none, wrong, expired), refuses to relay outside the room's subnets, and
 * relays real bytes both ways inside it; garbage does not stop it. Through a real lab, /api/lab
 * hands every page its own fresh TURN credential.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { after, before, describe, test } from 'node:test';
import { createIce, type Ice } from '../../lab-server/ice';
import { issueTurnCredential, longTermKey } from '../../lab-server/ice-credentials';
import {
  Attr,
  attribute,
  buildStun,
  decodeErrorCode,
  decodeXorAddress,
  encodeXorAddress,
  MessageClass,
  Method,
  parseStun,
  type StunMessage,
} from '../../lab-server/stun-message';
import { parseSubnet } from '../../lab-server/subnets';
import type { LabInfo } from '../../lib/lab-info';
import { startTestLab, type TestLab } from '../support/lab';

const SECRET = 'test-secret-of-the-room';

/** A UDP socket on loopback that collects what it receives. */
async function udp() {
  const socket = dgram.createSocket('udp4');
  const inbox: Array<{ buf: Buffer; from: dgram.RemoteInfo }> = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (buf, from) => {
    inbox.push({ buf, from });
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const next = async (timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    while (inbox.length === 0) {
      if (Date.now() > deadline) throw new Error('no datagram within the time');
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return inbox.shift()!;
  };
  return { socket, next, port: socket.address().port };
}

type Client = Awaited<ReturnType<typeof udp>>;

async function request(
  client: Client,
  port: number,
  method: number,
  attributes: Array<[number, Buffer]>,
  integrityKey?: Buffer,
): Promise<StunMessage> {
  const transactionId = randomBytes(12);
  client.socket.send(
    buildStun({ method, cls: MessageClass.request, transactionId, attributes, integrityKey }),
    port,
    '127.0.0.1',
  );
  for (;;) {
    const { buf } = await client.next();
    const msg = parseStun(buf);
    if (msg.transactionId.equals(transactionId)) return msg;
  }
}

const errorOf = (msg: StunMessage) => {
  const v = attribute(msg, Attr.errorCode);
  return v ? decodeErrorCode(v).code : null;
};

/** Allocate with the 401 dance a TURN client does: ask, get realm+nonce, ask again signed. */
async function allocate(client: Client, port: number, username: string, password: string) {
  const transport: [number, Buffer] = [Attr.requestedTransport, Buffer.from([17, 0, 0, 0])];
  const first = await request(client, port, Method.allocate, [transport]);
  assert.equal(first.cls, MessageClass.error);
  assert.equal(errorOf(first), 401);
  const realm = attribute(first, Attr.realm)!;
  const nonce = attribute(first, Attr.nonce)!;
  const key = longTermKey(username, realm.toString(), password);
  const auth: Array<[number, Buffer]> = [
    [Attr.username, Buffer.from(username)],
    [Attr.realm, realm],
    [Attr.nonce, nonce],
  ];
  const answer = await request(client, port, Method.allocate, [transport, ...auth], key);
  return { answer, key, auth };
}

describe("the lab's STUN and TURN", () => {
  let ice: Ice;
  let port: number;
  before(async () => {
    ice = createIce({
      host: '127.0.0.1',
      port: 0,
      publicAddress: '127.0.0.1',
      roomSubnets: [parseSubnet('127.0.0.0/8')],
      secret: SECRET,
    });
    ice.on('warning', () => {});
    ({ port } = await ice.listen());
  });
  after(() => ice.close());

  test('a binding request is answered with the address the lab saw', async () => {
    const client = await udp();
    // Built by hand, byte by byte, as RFC 8489 lays it out: no codec of ours on this side.
    const txid = randomBytes(12);
    const req = Buffer.concat([
      Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]),
      txid,
    ]);
    client.socket.send(req, port, '127.0.0.1');
    const { buf } = await client.next();
    assert.equal(buf.readUInt16BE(0), 0x0101, 'binding success response');
    assert.ok(buf.subarray(8, 20).equals(txid));
    // XOR-MAPPED-ADDRESS, decoded by hand too.
    let at = 20;
    let mapped = '';
    while (at < buf.length) {
      const type = buf.readUInt16BE(at);
      const len = buf.readUInt16BE(at + 2);
      if (type === 0x0020) {
        const p = buf.readUInt16BE(at + 6) ^ 0x2112;
        const ip = [0x21, 0x12, 0xa4, 0x42].map((m, i) => buf[at + 8 + i]! ^ m).join('.');
        mapped = `${ip}:${p}`;
      }
      at += 4 + len + ((4 - (len % 4)) % 4);
    }
    assert.equal(mapped, `127.0.0.1:${client.port}`);
    client.socket.close();
  });

  test('an allocation without the lab’s credentials is refused', async () => {
    const client = await udp();
    const transport: [number, Buffer] = [Attr.requestedTransport, Buffer.from([17, 0, 0, 0])];
    // No credentials at all: a 401 challenge, no relay.
    const bare = await request(client, port, Method.allocate, [transport]);
    assert.equal(errorOf(bare), 401);
    assert.equal(attribute(bare, Attr.xorRelayedAddress), undefined);

    // The lab's username with a made-up password.
    const real = issueTurnCredential(SECRET, 'mallory', 600);
    const wrong = await allocate(client, port, real.username, 'guessed');
    assert.equal(errorOf(wrong.answer), 401);

    // A credential signed with another secret.
    const foreign = issueTurnCredential('some-other-secret', 'mallory', 600);
    assert.equal(
      errorOf((await allocate(client, port, foreign.username, foreign.credential)).answer),
      401,
    );

    // The lab's own credential, but expired.
    const old = issueTurnCredential(SECRET, 'mallory', 600, Date.now() - 3600_000);
    assert.equal(errorOf((await allocate(client, port, old.username, old.credential)).answer), 401);

    assert.equal(ice.stats().turn?.allocations, 0);
    assert.ok(ice.stats().turn!.refused.unauthenticated >= 4);
    client.socket.close();
  });

  test('with the lab’s credential it relays inside the room and refuses outside it', async () => {
    const client = await udp();
    const peer = await udp();
    const [, turn] = ice.iceServers('alice');
    assert.match(turn!.urls, new RegExp(`^turn:127\\.0\\.0\\.1:${port}\\?transport=udp$`));
    const { answer, key, auth } = await allocate(client, port, turn!.username!, turn!.credential!);
    assert.equal(answer.cls, MessageClass.success, `allocate: ${errorOf(answer)}`);
    const relayed = decodeXorAddress(
      attribute(answer, Attr.xorRelayedAddress)!,
      answer.transactionId,
    );
    assert.equal(relayed.address, '127.0.0.1');

    // Outside the room's subnets: 403, whether by permission or by channel.
    const outside = encodeXorAddress({ family: 'IPv4', address: '192.0.2.7', port: 9 });
    const refused = await request(
      client,
      port,
      Method.createPermission,
      [[Attr.xorPeerAddress, outside], ...auth],
      key,
    );
    assert.equal(errorOf(refused), 403);
    const channel = Buffer.from([0x40, 0x01, 0, 0]);
    const refusedChannel = await request(
      client,
      port,
      Method.channelBind,
      [[Attr.channelNumber, channel], [Attr.xorPeerAddress, outside], ...auth],
      key,
    );
    assert.equal(errorOf(refusedChannel), 403);
    assert.equal(ice.stats().turn!.refused.forbiddenPeer, 2);

    // Inside: a permission, then bytes each way.
    const peerAddr = { family: 'IPv4' as const, address: '127.0.0.1', port: peer.port };
    const ok = await request(
      client,
      port,
      Method.createPermission,
      [[Attr.xorPeerAddress, encodeXorAddress(peerAddr)], ...auth],
      key,
    );
    assert.equal(ok.cls, MessageClass.success, `permission: ${errorOf(ok)}`);
    const payload = randomBytes(300);
    client.socket.send(
      buildStun({
        method: Method.send,
        cls: MessageClass.indication,
        transactionId: randomBytes(12),
        attributes: [
          [Attr.xorPeerAddress, encodeXorAddress(peerAddr)],
          [Attr.data, payload],
        ],
      }),
      port,
      '127.0.0.1',
    );
    const atPeer = await peer.next();
    assert.ok(atPeer.buf.equals(payload), 'the peer got the bytes');
    assert.equal(atPeer.from.port, relayed.port, 'from the relayed address');

    const back = randomBytes(200);
    peer.socket.send(back, relayed.port, '127.0.0.1');
    const data = parseStun((await client.next()).buf);
    assert.equal(data.method, Method.data);
    assert.ok(attribute(data, Attr.data)!.equals(back), 'the client got the reply');

    // A stranger's datagram to the relayed port (no permission for its port is enough: same IP
    // is allowed, so use the outside check above) — and garbage to the server changes nothing.
    client.socket.send(Buffer.from('not stun at all'), port, '127.0.0.1');
    const stillThere = await request(client, port, Method.binding, []);
    assert.equal(stillThere.cls, MessageClass.success);

    const refresh = await request(
      client,
      port,
      Method.refresh,
      [[Attr.lifetime, Buffer.from([0, 0, 0, 0])], ...auth],
      key,
    );
    assert.equal(refresh.cls, MessageClass.success);
    assert.equal(ice.stats().turn?.allocations, 0, 'lifetime 0 frees the allocation');
    client.socket.close();
    peer.socket.close();
  });

  test('--no-relay serves STUN only', async () => {
    const stunOnly = createIce({
      host: '127.0.0.1',
      port: 0,
      publicAddress: '127.0.0.1',
      roomSubnets: [parseSubnet('127.0.0.0/8')],
      relay: false,
    });
    const { port: p } = await stunOnly.listen();
    assert.deepEqual(stunOnly.iceServers('x'), [{ urls: `stun:127.0.0.1:${p}` }]);
    const client = await udp();
    const answer = await request(client, p, Method.allocate, [
      [Attr.requestedTransport, Buffer.from([17, 0, 0, 0])],
    ]);
    assert.equal(errorOf(answer), 403);
    client.socket.close();
    await stunOnly.close();
  });
});

describe('the lab hands out its ICE servers', () => {
  let lab: TestLab;
  before(async () => {
    lab = await startTestLab({ publicAddress: '127.0.0.1', host: '127.0.0.1' });
  });
  after(() => lab.close());

  test('/api/lab carries STUN and a fresh TURN credential per request', async () => {
    const base = `http://127.0.0.1:${lab.running.port}`;
    const one = (await (await fetch(`${base}/api/lab`)).json()) as LabInfo;
    const two = (await (await fetch(`${base}/api/lab`)).json()) as LabInfo;
    assert.match(one.iceServers[0]!.urls, /^stun:127\.0\.0\.1:\d+$/);
    assert.match(one.iceServers[1]!.urls, /^turn:127\.0\.0\.1:\d+\?transport=udp$/);
    assert.notEqual(one.iceServers[1]!.username, two.iceServers[1]!.username);
    const expiry = Number(one.iceServers[1]!.username!.split(':')[0]) * 1000;
    assert.ok(expiry > Date.now() && expiry < Date.now() + 24 * 3600_000, 'short-lived');

    // The credential really opens the lab's relay.
    const client = await udp();
    const port = Number(one.iceServers[1]!.urls.split(':')[2]!.split('?')[0]);
    const { answer } = await allocate(
      client,
      port,
      one.iceServers[1]!.username!,
      one.iceServers[1]!.credential!,
    );
    assert.equal(answer.cls, MessageClass.success);
    client.socket.close();
  });
});
