/**
 * WebRTC for the Node seeder, from webrtc-polyfill (libdatachannel).
 *
 * The polyfill never signals end-of-candidates, so simple-peer (non-trickle, as WebTorrent
 * uses it) waits its 5 s `iceCompleteTimeout` before every offer and answer. Dispatching the
 * standard null-candidate event when gathering completes lets the offer go out at once:
 * ~37 s to a browser's first connection became ~3 s (see shared/DESIGN.md).
 */
import * as polyfill from 'webrtc-polyfill';

const { RTCPeerConnection: BasePeerConnection, RTCPeerConnectionIceEvent } = polyfill;

class LabPeerConnection extends BasePeerConnection {
  constructor(config?: RTCConfiguration) {
    super(config);
    let signalled = false;
    this.addEventListener('icegatheringstatechange', () => {
      if (this.iceGatheringState !== 'complete' || signalled) return;
      signalled = true;
      // The polyfill's event takes the candidate itself; null is the standard end-of-candidates.
      const PolyfillIceEvent = RTCPeerConnectionIceEvent as unknown as new (candidate: null) => Event;
      this.dispatchEvent(new PolyfillIceEvent(null));
    });
  }
}

/** The object WebTorrent's tracker client expects as `wrtc`. */
export const labWrtc = {
  ...polyfill,
  RTCPeerConnection: LabPeerConnection,
};
