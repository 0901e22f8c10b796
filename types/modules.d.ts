// Packages that ship no types of their own (and have no @types package at the major we pin).
declare module 'webtorrent/dist/webtorrent.min.js';
declare module 'webtorrent';
declare module 'bittorrent-tracker';
