/**
 * A browser peer in the class swarm: WebTorrent over WebRTC, found through the lab's WebSocket
 * tracker, reporting to the hub. Framework-free; React subscribes through `subscribe`.
 */
import type { ExperimentState } from '../experiments';
import { progressReport, sentTo } from '../progress-report';
import { peerHello } from '../peer-hello';
import { connectLab, type LabClientSocket, type LabConnection } from './lab-connection';
import { createWireTally, type WireTally } from '../wire-tally';
import { createNicknameBook } from './nickname-book';
import { explainWarning, NO_PEERS_AFTER_SECONDS, PEER_MESSAGES } from './peer-messages';
import { followExperiments } from './peer-experiments';
import { ensureSubtleDigest } from './subtle-digest';
import { deleteOtherPieceStores, IdbChunkStore } from './idb-chunk-store';
import { PACK_FILM } from './stream-video';
import {
  fetchClassTorrent,
  LAB_GONE,
  type ClassPeerState,
  type DoneFile,
  type LabInfo,
  type PieceSource,
  type Torrent,
  type TorrentFile,
  type WebTorrentClient,
  type Wire,
} from './class-peer-shapes';
import { startConnectivityReports, type TorrentWithPeers } from './wire-connectivity';

export type { ClassPeerState, DoneFile, PieceSource, WireInfo } from './class-peer-shapes';

const REPORT_MS = 500;
/** Pieces of the film fetched ahead of everything else while it is incomplete (~384 KiB). */
const FILM_AHEAD = 3;

export interface ClassPeer {
  getState(): ClassPeerState;
  subscribe(fn: () => void): () => void;
  /** The class pack's film once the metadata is known; null before, or when the lab seeds a --share folder. */
  videoFile(): TorrentFile | null;
  destroy(): void;
}

export function startClassPeer(opts: { nickname: string; origin?: string }): ClassPeer {
  const origin = opts.origin ?? window.location.origin;
  let state: ClassPeerState = {
    phase: 'starting',
    message: null,
    peerId: null,
    name: null,
    length: 0,
    pieceCount: 0,
    pieces: [],
    progress: 0,
    downloaded: 0,
    uploaded: 0,
    downloadRate: 0,
    uploadRate: 0,
    wires: [],
    files: [],
    firstPeerMs: null,
    resumedPieces: null,
    infoHash: null,
    round: 1,
    strategy: 'rarest',
    freeRider: false,
    instructorNotes: [],
  };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<ClassPeerState>) => {
    state = { ...state, ...patch };
    for (const fn of listeners) fn();
  };

  let client: WebTorrentClient | null = null;
  let stopConnectivity = () => {};
  let link: LabConnection | null = null;
  let socket: LabClientSocket | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let noPeersTimer: ReturnType<typeof setTimeout> | null = null;
  let destroyed = false;
  const objectUrls: string[] = [];
  let video: TorrentFile | null = null;
  const nicknames = createNicknameBook({
    fetchSwarm: () => fetch(`${origin}/api/swarm`, { cache: 'no-store' }).then((r) => r.json()),
  });
  /** Bytes per classmate over this round, closed wires included (a new round starts a new one). */
  let tally: WireTally = createWireTally();

  const fail = (message: string) => set({ phase: 'error', message });

  void (async () => {
    try {
      ensureSubtleDigest();
      const [labRes, torrentFile] = await Promise.all([
        fetch(`${origin}/api/lab`, { cache: 'no-store' }),
        fetchClassTorrent(origin),
      ]);
      if (!labRes.ok) throw new Error(LAB_GONE);
      const lab = (await labRes.json()) as LabInfo;
      await nicknames.refresh();
      if (destroyed) return;

      if (typeof RTCPeerConnection === 'undefined') return fail(PEER_MESSAGES.noWebRTC);
      const { default: WebTorrent } = await import('webtorrent/dist/webtorrent.min.js');
      // The lab's own STUN/TURN only (never a public one: there is no internet): reflexive
      // candidates where mDNS names fail or there is no default route, a relay where the Wi-Fi
      // isolates laptops from each other.
      const wt = new WebTorrent({ tracker: { rtcConfig: { iceServers: lab.iceServers ?? [] } } });
      client = wt;
      wt.on('error', (err) =>
        fail(`WebTorrent error: ${typeof err === 'string' ? err : err.message}`),
      );
      set({ phase: 'connecting', peerId: wt.peerId });

      let torrent: Torrent | null = null;
      let pieces: (PieceSource | null)[] = [];
      link = connectLab({ origin });
      socket = link.socket;
      let lostLab = false;
      // Progress goes out only once the hub has this peer's hello (after a restart too).
      let registered = false;
      const hello = peerHello({ peerId: wt.peerId, nickname: opts.nickname });
      link.onConnect(() => {
        // Also after a lab restart: the new hub learns who this peer is again.
        if (socket)
          hello(socket, (res) => {
            if (!res.ok) fail(`The lab refused to register you: ${res.error}`);
            registered = res.ok;
          });
        if (lostLab) set({ message: PEER_MESSAGES.labBack });
        lostLab = false;
      });
      link.onDisconnect(() => {
        registered = false;
        if (destroyed || state.phase === 'kicked') return;
        lostLab = true;
        set({ message: PEER_MESSAGES.labLost });
      });
      link.on('lab:warning', (message) => set({ message }));
      link.on('experiment:kicked', (message) => {
        set({ phase: 'kicked', message, wires: [], downloadRate: 0, uploadRate: 0 });
        stop();
      });
      const follow = followExperiments({
        peerId: wt.peerId,
        throttleUpload: (rate) => wt.throttleUpload(rate),
        setStrategy: (strategy) => {
          if (torrent) torrent.strategy = strategy;
        },
        currentInfoHash: () => torrent?.infoHash ?? null,
        switchRound: () => void switchRound(),
        changed: (instructorNotes, exp: ExperimentState) =>
          set({
            instructorNotes,
            round: exp.round,
            strategy: exp.strategy,
            freeRider: exp.freeRiders.includes(wt.peerId),
          }),
      });
      link.onConnect(() => socket?.emit('experiment:watch', follow));
      link.on('experiment:state', follow);

      /** Joins one round's torrent, from zero. */
      const join = (file: Uint8Array) => {
        // Always pass the lab's own tracker: otherwise WebTorrent would add public ones.
        const addedAt = performance.now();
        // Pieces go to IndexedDB, so a reload resumes: webtorrent re-hashes them before use.
        const t = wt.add(file, {
          announce: [lab.trackers.ws],
          strategy: state.strategy,
          ...(typeof indexedDB !== 'undefined' ? { store: IdbChunkStore } : {}),
        });
        torrent = t;
        tally = createWireTally();
        video = null;
        const lastSource = new Map<number, string>();
        pieces = [];
        t.on('wire', (wire: Wire) => {
          if (state.firstPeerMs === null)
            set({ firstPeerMs: Math.round(performance.now() - addedAt) });
          wire.on('piece', (index: number) => {
            if (wire.peerId) lastSource.set(index, wire.peerId);
          });
        });
        t.on('metadata', () => {
          video = t.files.find((f) => f.name === PACK_FILM.name) ?? null;
          set({ name: t.name });
        });
        t.on('ready', () => {
          for (let i = 0; i < t.pieces.length; i++) pieces[i] = t.bitfield.get(i) ? 'kept' : null;
          // Stores of other torrents (earlier packs, earlier rounds) are of no more use.
          if (typeof indexedDB !== 'undefined')
            void deleteOtherPieceStores(t.infoHash).catch(() => {});
          set({
            resumedPieces: pieces.filter(Boolean).length,
            progress: t.progress,
            downloaded: t.downloaded,
            phase: 'downloading',
            infoHash: t.infoHash,
            name: t.name,
            length: t.length,
            pieceCount: t.pieces.length,
            pieces: [...pieces],
          });
        });
        // The film plays in file order, so its next missing pieces come first whatever the
        // strategy: rarest-first picks at random within the film, and playback would wait for
        // most of it. The rest of the pack still follows the instructor's strategy.
        let ahead: [number, number] | null = null;
        const filmFirst = () => {
          if (!video || torrent !== t) return;
          const first = Math.floor(video.offset / t.pieceLength);
          const last = Math.floor((video.offset + video.length - 1) / t.pieceLength);
          let next = first;
          while (next <= last && t.bitfield.get(next)) next++;
          const want: [number, number] | null =
            next > last ? null : [next, Math.min(next + FILM_AHEAD - 1, last)];
          if (ahead && ahead[0] === want?.[0]) return;
          if (ahead) t._deselect(ahead[0], ahead[1], true);
          if (want) t._select(want[0], want[1], 2, null, true);
          ahead = want;
        };
        t.on('ready', filmFirst);
        t.on('verified', (index: number) => {
          const from = lastSource.get(index);
          pieces[index] = from && !nicknames.isSeeder(from) ? 'peer' : 'seeder';
          filmFirst();
        });
        t.on('warning', (err: Error) => {
          const message = explainWarning(err.message);
          if (message) set({ message });
        });
        noPeersTimer = setTimeout(() => {
          if (state.firstPeerMs === null && state.phase !== 'error')
            set({ message: PEER_MESSAGES.noPeers });
        }, NO_PEERS_AFTER_SECONDS * 1000);
        t.on('done', () => {
          report();
          void (async () => {
            const files: DoneFile[] = [];
            for (const f of t.files) {
              if (torrent !== t) return;
              const url = URL.createObjectURL(await f.blob());
              objectUrls.push(url);
              files.push({ name: f.name, length: f.length, url });
            }
            if (torrent === t) set({ phase: 'done', files });
          })();
        });
      };

      /** A new round: drop the old torrent, fetch the new one, start from zero. */
      let switching = false;
      const switchRound = async () => {
        if (switching) return;
        switching = true;
        try {
          torrent?.destroy();
          torrent = null;
          for (const url of objectUrls.splice(0)) URL.revokeObjectURL(url);
          set({
            phase: 'connecting',
            infoHash: null,
            progress: 0,
            downloaded: 0,
            uploaded: 0,
            pieces: [],
            pieceCount: 0,
            files: [],
            wires: [],
            firstPeerMs: null,
            resumedPieces: null,
          });
          const file = await fetchClassTorrent(origin);
          if (!destroyed && state.phase !== 'kicked') join(file);
        } catch (err) {
          fail(err instanceof Error ? err.message : String(err));
        } finally {
          switching = false;
        }
      };
      join(torrentFile);

      const report = () => {
        if (!torrent || !torrent.pieces.length) return;
        const totals = tally.update(torrent.wires);
        const wires = totals.map((t) => ({ ...t, nickname: nicknames.name(t.peerId) }));
        // Piece bytes, as the wire table counts them (torrent.uploaded counts requests too).
        const sent = sentTo(totals);
        set({
          progress: torrent.progress,
          downloaded: torrent.downloaded,
          uploaded: sent.bytes,
          downloadRate: torrent.downloadSpeed,
          uploadRate: sent.rate,
          pieces: [...pieces],
          wires,
        });
        if (registered) socket?.emit('peer:progress', progressReport(torrent, totals));
      };
      timer = setInterval(report, REPORT_MS);
      // How each wire connected (host, reflexive, relayed): the lab's connectivity summary.
      stopConnectivity = startConnectivityReports(
        () => (registered ? (torrent as TorrentWithPeers | null) : null),
        () => socket,
      );
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err));
    }
  })();

  /** Leaves the swarm for good (destroyed, or removed by the instructor). */
  function stop() {
    if (timer) clearInterval(timer);
    stopConnectivity();
    if (noPeersTimer) clearTimeout(noPeersTimer);
    link?.close();
    client?.destroy();
    client = null;
  }

  return {
    getState: () => state,
    videoFile: () => video,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    destroy() {
      destroyed = true;
      stop();
      for (const url of objectUrls) URL.revokeObjectURL(url);
    },
  };
}
