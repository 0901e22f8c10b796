/** Human-readable sizes and rates for pages and the terminal. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  // Below 1 the logarithm is negative and would index before 'B' (a smoothed rate of 0.8 B/s
  // printed "800 undefined/s"): fractions of a byte are bytes.
  const exp = Math.max(0, Math.min(UNITS.length - 1, Math.floor(Math.log(bytes) / Math.log(1000))));
  const value = bytes / 1000 ** exp;
  return `${value >= 100 || exp === 0 ? value.toFixed(0) : value.toFixed(1)} ${UNITS[exp]}`;
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

export function formatPercent(fraction: number): string {
  return `${Math.floor(Math.max(0, Math.min(1, fraction)) * 100)}%`;
}
