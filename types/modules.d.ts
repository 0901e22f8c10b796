// Packages that ship no types of their own.
declare module 'webtorrent/dist/webtorrent.min.js';
declare module 'webtorrent';
declare module 'bittorrent-tracker';
declare module 'create-torrent';
declare module 'parse-torrent';
declare module 'bencode';
