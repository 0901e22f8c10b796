// Packages that ship no types of their own (and have no @types package at the major we pin).
// webtorrent: types/webtorrent.d.ts. bittorrent-tracker: types/bittorrent-tracker.d.ts.
declare module 'bittorrent-tracker';
