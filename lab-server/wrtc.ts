/**
 * WebRTC for the Node seeder, from webrtc-polyfill (libdatachannel).
 *
 * libdatachannel finishes gathering host candidates within milliseconds, but the polyfill never
 * signals end-of-candidates (the null `icecandidate` event). simple-peer, which WebTorrent uses
 * without trickle, therefore waits its 5 s `iceCompleteTimeout` before every offer and answer:
 * a browser's first connection to the seeder took ~37 s (shared/DESIGN.md).
 *
 * simple-peer imports `RTCPeerConnection` from 'webrtc-polyfill' directly and ignores the
 * `wrtc` option, so a wrapped class cannot be handed to it. Instead, `setLocalDescription` of
 * the polyfill's class is wrapped (at run time, in this process; node_modules stays untouched)
 * to deliver the end-of-candidates signal once gathering is complete.
 */
import * as polyfill from 'webrtc-polyfill';

type IceHandler = ((event: { type: string; candidate: null }) => void) | null | undefined;

interface PatchablePeerConnection extends EventTarget {
  iceGatheringState: RTCIceGatheringState;
  onicecandidate: IceHandler;
  setLocalDescription(description?: RTCSessionDescriptionInit): Promise<void>;
}

const signalled = new WeakSet<object>();
let enabled = false;
let installed = false;

function signalEndOfCandidates(pc: PatchablePeerConnection) {
  if (signalled.has(pc)) return;
  signalled.add(pc);
  // Called through the handler property, as simple-peer listens: dispatching a real event
  // would also push `null` into the polyfill's list of local candidates.
  setTimeout(() => pc.onicecandidate?.({ type: 'icecandidate', candidate: null }), 0);
}

function whenGathered(pc: PatchablePeerConnection) {
  if (pc.iceGatheringState === 'complete') return signalEndOfCandidates(pc);
  const onChange = () => {
    if (pc.iceGatheringState !== 'complete') return;
    pc.removeEventListener('icegatheringstatechange', onChange);
    signalEndOfCandidates(pc);
  };
  pc.addEventListener('icegatheringstatechange', onChange);
}

function install() {
  if (installed) return;
  installed = true;
  const proto = polyfill.RTCPeerConnection.prototype as unknown as PatchablePeerConnection;
  const original = proto.setLocalDescription;
  proto.setLocalDescription = async function (this: PatchablePeerConnection, description) {
    await original.call(this, description);
    if (enabled) whenGathered(this);
  };
}

/**
 * Turns the end-of-candidates signal on (the lab's default) or off (the benchmark's stock
 * comparison). Affects every WebRTC connection this process makes from then on.
 */
export function setWebrtcFastStart(on: boolean): void {
  install();
  enabled = on;
}

/** The object WebTorrent's tracker client takes as `wrtc` (it enables WebRTC in Node). */
export const labWrtc = polyfill;
