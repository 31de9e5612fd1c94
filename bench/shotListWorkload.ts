// A long, realistic shot list for benchmarks: every modality, scenes of eight shots, comments,
// params in flow and block style, outputs and chosen takes.
import type { Modality } from '../src/core/jobTypes';

const KINDS: readonly { modality: Modality; model: string; params: string }[] = [
  { modality: 'image', model: 'local/image', params: '    params: { aspect_ratio: "16:9", seed: SEED }\n' },
  { modality: 'video', model: 'local/video', params: '    params:\n      aspect_ratio: "16:9"\n      duration: 4\n' },
  { modality: 'speech', model: 'local/speech', params: '    params: { voice: en-gb, speed: 160 } # calm\n' },
  { modality: 'audio', model: 'local/audio', params: '    params: { duration: 12 }\n' },
];
const EXT: Record<Modality, string> = { image: 'png', video: 'mp4', speech: 'wav', audio: 'wav' };

export const shotIdOf = (i: number) => `s${String(i + 1).padStart(4, '0')}`;

export function longShotList(count: number): string {
  const out = [
    '# Benchmark shot list\n',
    'defaults:\n  image: { provider: local, model: local/image }\n  style: cinematic, soft film grain\n\nbudget: 50\n\nshots:\n',
  ];
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length] as (typeof KINDS)[number];
    const id = shotIdOf(i);
    if (i % 8 === 0) out.push(`  # ---- Scene ${i / 8 + 1}\n`);
    out.push(
      `  - id: ${id}\n    scene: Scene ${Math.floor(i / 8) + 1}\n    group: ${kind.modality === 'image' ? 'stills' : 'b-roll'}\n` +
        `    modality: ${kind.modality}\n    model: ${kind.model}\n` +
        `    prompt: A lighthouse on a rocky coast at dusk, warm beam sweeping over a calm sea, take ${i}\n` +
        kind.params.replace('SEED', String(i)) +
        `    output: public/shots/${id}.${EXT[kind.modality]}\n` +
        (i % 3 === 0 ? '    take: 1\n' : '') +
        '\n',
    );
  }
  return out.join('');
}
