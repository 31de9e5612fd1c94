// A caption of the prompt's first words in a 5×7 pixel font, so offline takes can be told apart
// at a glance (and a screenshot shows which prompt made which file). Letters and digits only;
// anything else is drawn as a space.

type Glyph = readonly [string, string, string, string, string, string, string];

const FONT: Record<string, Glyph> = {
  A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  B: ['####.', '#...#', '#...#', '####.', '#...#', '#...#', '####.'],
  C: ['.###.', '#...#', '#....', '#....', '#....', '#...#', '.###.'],
  D: ['###..', '#..#.', '#...#', '#...#', '#...#', '#..#.', '###..'],
  E: ['#####', '#....', '#....', '####.', '#....', '#....', '#####'],
  F: ['#####', '#....', '#....', '####.', '#....', '#....', '#....'],
  G: ['.###.', '#...#', '#....', '#.###', '#...#', '#...#', '.####'],
  H: ['#...#', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  I: ['.###.', '..#..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  J: ['..###', '...#.', '...#.', '...#.', '...#.', '#..#.', '.##..'],
  K: ['#...#', '#..#.', '#.#..', '##...', '#.#..', '#..#.', '#...#'],
  L: ['#....', '#....', '#....', '#....', '#....', '#....', '#####'],
  M: ['#...#', '##.##', '#.#.#', '#.#.#', '#...#', '#...#', '#...#'],
  N: ['#...#', '#...#', '##..#', '#.#.#', '#..##', '#...#', '#...#'],
  O: ['.###.', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  P: ['####.', '#...#', '#...#', '####.', '#....', '#....', '#....'],
  Q: ['.###.', '#...#', '#...#', '#...#', '#.#.#', '#..#.', '.##.#'],
  R: ['####.', '#...#', '#...#', '####.', '#.#..', '#..#.', '#...#'],
  S: ['.####', '#....', '#....', '.###.', '....#', '....#', '####.'],
  T: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '..#..'],
  U: ['#...#', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  V: ['#...#', '#...#', '#...#', '#...#', '#...#', '.#.#.', '..#..'],
  W: ['#...#', '#...#', '#...#', '#.#.#', '#.#.#', '#.#.#', '.#.#.'],
  X: ['#...#', '#...#', '.#.#.', '..#..', '.#.#.', '#...#', '#...#'],
  Y: ['#...#', '#...#', '.#.#.', '..#..', '..#..', '..#..', '..#..'],
  Z: ['#####', '....#', '...#.', '..#..', '.#...', '#....', '#####'],
  '0': ['.###.', '#...#', '#..##', '#.#.#', '##..#', '#...#', '.###.'],
  '1': ['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  '2': ['.###.', '#...#', '....#', '...#.', '..#..', '.#...', '#####'],
  '3': ['#####', '...#.', '..#..', '...#.', '....#', '#...#', '.###.'],
  '4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
  '5': ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
  '6': ['..##.', '.#...', '#....', '####.', '#...#', '#...#', '.###.'],
  '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
  '8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.'],
  '9': ['.###.', '#...#', '#...#', '.####', '....#', '...#.', '.##..'],
};

/** Upper-case letters and digits of the text; everything else becomes single spaces. */
export function captionText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // "É" → "E", not "E" + a stray mark
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/**
 * Draw the caption on a dark band along the bottom of an RGBA image. Scale follows the image
 * height; text that does not fit is cut at the last whole character.
 */
export function drawCaption(rgba: Uint8Array, width: number, height: number, text: string): void {
  const scale = Math.max(1, Math.floor(height / 90));
  const advance = 6 * scale;
  const margin = 2 * scale;
  const maxChars = Math.floor((width - 2 * margin) / advance);
  const caption = captionText(text).slice(0, Math.max(0, maxChars));
  if (!caption || height < 7 * scale + 2 * margin) return;
  const bandTop = height - (7 * scale + 2 * margin);
  const bandWidth = Math.min(width, caption.length * advance + 2 * margin - scale);
  for (let y = bandTop; y < height; y++) {
    for (let x = 0; x < bandWidth; x++) {
      const i = (y * width + x) * 4;
      rgba[i] = (rgba[i] as number) * 0.35;
      rgba[i + 1] = (rgba[i + 1] as number) * 0.35;
      rgba[i + 2] = (rgba[i + 2] as number) * 0.35;
    }
  }
  for (let c = 0; c < caption.length; c++) {
    const glyph = FONT[caption[c] as string];
    if (!glyph) continue;
    const left = margin + c * advance;
    for (let row = 0; row < 7; row++) {
      for (let col = 0; col < 5; col++) {
        if (glyph[row]?.[col] !== '#') continue;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const i = ((bandTop + margin + row * scale + dy) * width + left + col * scale + dx) * 4;
            rgba[i] = 255;
            rgba[i + 1] = 255;
            rgba[i + 2] = 255;
          }
        }
      }
    }
  }
}
