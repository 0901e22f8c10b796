'use client';

import { useEffect } from 'react';
import { clock } from './replay-format';
import { SPEEDS, type Player } from './use-replay';
import replay from './Replay.module.css';

/** Play, pause, speed and a scrubber; space plays or pauses. */
export function ReplayControls({ player, id }: { player: Player; id: string }) {
  const { playing, play, pause } = player;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== ' ' || (e.target as HTMLElement | null)?.closest('button, input, a')) return;
      e.preventDefault();
      if (playing) pause();
      else play();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [playing, play, pause]);

  return (
    <div className={replay.controls} role="group" aria-label="Replay controls">
      <button
        type="button"
        className={`button ${replay.play}`}
        onClick={playing ? pause : play}
        data-testid="replay-play"
      >
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <div className={replay.speeds} role="group" aria-label="Speed">
        {SPEEDS.map((s) => (
          <button
            key={s}
            type="button"
            className={`button secondary ${player.speed === s ? replay.on : ''}`}
            aria-pressed={player.speed === s}
            onClick={() => player.setSpeed(s)}
          >
            {s}×
          </button>
        ))}
      </div>
      <input
        type="range"
        className={replay.scrubber}
        aria-label="Position in the recording"
        min={0}
        max={Math.max(player.duration, 1)}
        step={100}
        value={player.position}
        onChange={(e) => player.seek(Number(e.target.value))}
      />
      <span className={replay.time} data-testid="replay-time">
        {clock(player.position)} / {clock(player.duration)}
      </span>
      <span className={replay.downloads}>
        <a href={`/api/recordings/${id}.csv`} download>
          CSV
        </a>
        <a href={`/api/recordings/${id}.json`} download>
          JSON
        </a>
      </span>
    </div>
  );
}
