// The interactive diagrams lessons may use. Each is a client leaf in its own file.
export { PieceExchange } from './PieceExchange';
export { SwarmScaling } from './SwarmScaling';
export { HandshakeSequence } from './HandshakeSequence';
export { ChokingTimeline } from './ChokingTimeline';
export { DhtLookup } from './DhtLookup';
export { WhoSeesWhat } from './WhoSeesWhat';
