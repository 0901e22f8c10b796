/**
 * A synthesized piece of music as 16-bit PCM WAV: the bulk of the class pack.
 * Pure arithmetic on integers and Math.sin, so the same length gives the same bytes on every
 * start (and the same info hash).
 */

const RATE = 44_100;
const CHANNELS = 2;
const BYTES_PER_SAMPLE = 2;

// A slow I–vi–IV–V progression in C, as frequencies of the chord tones.
const CHORDS = [
  [261.63, 329.63, 392.0],
  [220.0, 261.63, 329.63],
  [174.61, 220.0, 261.63],
  [196.0, 246.94, 293.66],
];

function header(dataBytes: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(CHANNELS, 22);
  h.writeUInt32LE(RATE, 24);
  h.writeUInt32LE(RATE * CHANNELS * BYTES_PER_SAMPLE, 28);
  h.writeUInt16LE(CHANNELS * BYTES_PER_SAMPLE, 32);
  h.writeUInt16LE(BYTES_PER_SAMPLE * 8, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** An arpeggiated chord progression of about `bytes` bytes (rounded to whole frames). */
export function synthesizeWav(bytes: number): Buffer {
  const frameBytes = CHANNELS * BYTES_PER_SAMPLE;
  const frames = Math.max(1, Math.floor((bytes - 44) / frameBytes));
  const data = Buffer.alloc(frames * frameBytes);
  const beat = RATE / 4; // four notes a second
  for (let i = 0; i < frames; i++) {
    const t = i / RATE;
    const chord = CHORDS[Math.floor(i / (beat * 8)) % CHORDS.length]!;
    const note = chord[Math.floor(i / beat) % chord.length]!;
    const sinceNote = (i % beat) / beat;
    const envelope = Math.exp(-3 * sinceNote);
    const pad = chord.reduce((sum, f) => sum + Math.sin(2 * Math.PI * (f / 2) * t), 0) / 10;
    const lead = Math.sin(2 * Math.PI * note * t) * envelope * 0.45;
    const left = Math.round((lead + pad * 0.9) * 20_000);
    const right = Math.round((lead * 0.8 + pad) * 20_000);
    data.writeInt16LE(Math.max(-32768, Math.min(32767, left)), i * frameBytes);
    data.writeInt16LE(Math.max(-32768, Math.min(32767, right)), i * frameBytes + 2);
  }
  return Buffer.concat([header(data.length), data]);
}
