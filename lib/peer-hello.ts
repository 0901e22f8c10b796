/**
 * A page's (or bot's) hello to the hub, said again on every reconnect. The hub binds a peer id
 * to the first socket that claims it; the secret from that first reply is what lets the same
 * page take its id back from a new socket after a hiccup (lab-server/peer-claims.ts).
 */
import type { z } from 'zod';
import type { HelloMessage, HelloReply } from './protocol';

type HelloInput = Omit<z.input<typeof HelloMessage>, 'secret'>;

interface HelloSocket {
  emit(event: 'peer:hello', msg: z.input<typeof HelloMessage>, ack: (r: HelloReply) => void): void;
}

/** Returns `say(socket, onReply)`: sends the hello with the secret learned so far. */
export function peerHello(hello: HelloInput) {
  let secret: string | undefined;
  return (socket: HelloSocket, onReply: (reply: HelloReply) => void = () => {}) =>
    socket.emit('peer:hello', { ...hello, secret }, (reply) => {
      if (reply.ok && reply.secret) secret = reply.secret;
      onReply(reply);
    });
}
