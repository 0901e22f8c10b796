"""A libtorrent 2.0 client for the e2e tests (python3-libtorrent, Debian's).

usage: libtorrent-client.py <file.torrent> <save-dir> <listen-port> [socks5-host:port]

Finds peers through the torrent's trackers alone (DHT, LSD, UPnP and NAT-PMP off), prints its
progress now and then, and exits 0 once every piece is verified; 1 after five minutes without.
With a SOCKS5 proxy, trackers and peers are reached through it only (the privacy lesson's demo).
SWARMLAB_LT_ENCRYPTION=forced (or disabled) sets both encryption policies (libtorrent's
pe_forced: only MSE/PE connections, in and out, with RC4 for the whole stream).
"""
import os
import sys
import time

import libtorrent as lt

torrent, save_dir, port = sys.argv[1], sys.argv[2], sys.argv[3]
proxy = {}
if len(sys.argv) > 4:
    proxy_host, proxy_port = sys.argv[4].rsplit(":", 1)
    proxy = {
        "proxy_type": lt.proxy_type_t.socks5,
        "proxy_hostname": proxy_host,
        "proxy_port": int(proxy_port),
        "proxy_tracker_connections": True,
        "proxy_peer_connections": True,
        # Never fall back to a direct connection: the demo must show what the proxy hides.
        "force_proxy": True,
    }
encryption = {}
policy = os.environ.get("SWARMLAB_LT_ENCRYPTION")
if policy:
    level = {"forced": lt.enc_policy.forced, "disabled": lt.enc_policy.disabled}[policy]
    encryption = {
        "out_enc_policy": int(level),
        "in_enc_policy": int(level),
        # RC4 on the whole stream, not just the handshake: nothing readable after the key exchange.
        "allowed_enc_level": int(lt.enc_level.rc4),
        "prefer_rc4": True,
    }
session = lt.session(
    {
        **proxy,
        **encryption,
        "listen_interfaces": f"0.0.0.0:{port}",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "alert_mask": lt.alert.category_t.error_notification,
    }
)
handle = session.add_torrent({"ti": lt.torrent_info(torrent), "save_path": save_dir})
deadline = time.monotonic() + 300
last_print = 0.0
while time.monotonic() < deadline:
    status = handle.status()
    if status.is_seeding:
        print(f"finished: {status.total_wanted_done} bytes", flush=True)
        sys.exit(0)
    if time.monotonic() - last_print > 5:
        last_print = time.monotonic()
        print(f"{status.state} {status.progress * 100:.1f}% peers {status.num_peers}", flush=True)
    for alert in session.pop_alerts():
        print(f"alert: {alert.message()}", flush=True)
    time.sleep(0.2)
print("timed out after 300 s", flush=True)
sys.exit(1)
