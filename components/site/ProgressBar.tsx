import styles from './ProgressBar.module.css';

/** The site's one progress bar: 0..1, announced to screen readers as a percentage. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const fraction = Math.max(0, Math.min(1, value));
  return (
    <div
      className={styles.bar}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.floor(fraction * 100)}
      aria-label={label}
    >
      <div className={styles.fill} style={{ width: `${fraction * 100}%` }} />
    </div>
  );
}
