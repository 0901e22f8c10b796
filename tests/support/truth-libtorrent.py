"""python3-libtorrent on an attendee host, reporting its own ground truth for the truth test
(tests/integration/truth.test.ts): a JSON line every 250 ms with when it finished and the payload
bytes it received from each peer address, as libtorrent counted them. Ends on SIGTERM.

    ip netns exec <ns> /usr/bin/python3 tests/support/truth-libtorrent.py <file.torrent> <dir> <port>
"""
import json
import signal
import sys
import time

import libtorrent as lt

torrent_file, save_path, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
session = lt.session({
    'listen_interfaces': f'0.0.0.0:{port}',
    'enable_dht': False,
    'enable_lsd': False,
    'enable_upnp': False,
    'enable_natpmp': False,
    'alert_mask': lt.alert.category_t.status_notification,
})
handle = session.add_torrent({'ti': lt.torrent_info(torrent_file), 'save_path': save_path})

# Per connection, payload received; a connection whose count drops is a new one to the same
# address, and the old count moves to `closed`.
last = {}
closed = {}
finished_at = None
running = True


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)

while running:
    for peer in handle.get_peer_info():
        key = f'{peer.ip[0]}:{peer.ip[1]}'
        got = peer.total_download
        if got < last.get(key, 0):
            closed[key] = closed.get(key, 0) + last[key]
        last[key] = got
    status = handle.status()
    if finished_at is None and status.is_seeding:
        finished_at = int(time.time() * 1000)
    by_peer = {k: last.get(k, 0) + closed.get(k, 0) for k in set(last) | set(closed)}
    print(json.dumps({
        'progress': status.progress,
        'finishedAt': finished_at,
        'received': status.total_payload_download,
        'byPeer': by_peer,
    }), flush=True)
    time.sleep(0.25)
