// Resolving a shot (defaults, style, the user's settings), its fingerprint, and staleness.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShotList } from '../../../src/core/shots/parseShotList';
import { type ModelFallback, resolveShot } from '../../../src/core/shots/resolveShot';
import { editShotList, type ShotEdit } from '../../../src/core/shots/shotEdits';
import { shotFingerprint } from '../../../src/core/shots/shotFingerprint';
import { isStale } from '../../../src/core/shots/shotStaleness';
import type { Shot, ShotList } from '../../../src/core/shots/shotTypes';

const settings: ModelFallback = (modality) => ({ provider: 'fal', model: `settings/${modality}` });
const shot = (extra: Partial<Shot> = {}): Shot => ({ id: 'a', modality: 'image', prompt: 'A lighthouse', ...extra });

describe('resolveShot', () => {
  it('falls back shot → defaults → settings for provider and model', () => {
    const list: ShotList = { shots: [], defaults: { image: { provider: 'local', model: 'local/image' } } };
    assert.deepEqual(pick(resolveShot(list, shot(), settings)), ['local', 'local/image']);
    assert.deepEqual(pick(resolveShot({ shots: [] }, shot(), settings)), ['fal', 'settings/image']);
    const own = shot({ provider: 'replicate', model: 'black-forest-labs/flux-dev' });
    assert.deepEqual(pick(resolveShot(list, own, settings)), ['replicate', 'black-forest-labs/flux-dev']);
  });

  it('a model named alone gets its catalog provider, not a fallback provider', () => {
    assert.deepEqual(pick(resolveShot({ shots: [] }, shot({ model: 'local/image' }), settings)), [
      'local',
      'local/image',
    ]);
  });

  it('a provider named alone takes the defaults model of that provider, else its first catalog model', () => {
    const list: ShotList = { shots: [], defaults: { image: { provider: 'local', model: 'local/image' } } };
    assert.deepEqual(pick(resolveShot(list, shot({ provider: 'local' }), settings)), ['local', 'local/image']);
    assert.deepEqual(pick(resolveShot(list, shot({ provider: 'fal' }), settings)), ['fal', 'settings/image']);
    assert.deepEqual(pick(resolveShot({ shots: [] }, shot({ provider: 'replicate' }), settings)), [
      'replicate',
      'black-forest-labs/flux-schnell',
    ]);
  });

  it("puts the prompt with the style into the model's prompt field, over defaults and params", () => {
    const list: ShotList = { shots: [], defaults: { style: 'film grain' } };
    const r = resolveShot(list, shot({ model: 'local/image', params: { seed: 3, aspect_ratio: '16:9' } }), settings);
    assert.deepEqual(r.input, { prompt: 'A lighthouse. film grain', aspect_ratio: '16:9', num_outputs: 1, seed: 3 });
    const speech = resolveShot(
      list,
      shot({ modality: 'speech', provider: 'replicate', model: 'minimax/speech-02-hd', prompt: 'Hello.' }),
      settings,
    );
    assert.equal(speech.input.text, 'Hello.', 'speech: the text field, and no style read aloud');
    assert.equal(speech.input.prompt, undefined);
    const ended = resolveShot(list, shot({ model: 'local/image', prompt: 'Dusk!' }), settings);
    assert.equal(ended.input.prompt, 'Dusk! film grain');
  });

  it("merges a nested param mapping with the model's dotted defaults; both spellings are one input", () => {
    const model = { provider: 'fal' as const, model: 'fal-ai/minimax/speech-02-hd', modality: 'speech' as const };
    const nested = resolveShot({ shots: [] }, shot({ ...model, params: { voice_setting: { speed: 1.5 } } }), settings);
    assert.deepEqual(nested.input, { text: 'A lighthouse', voice_setting: { voice_id: 'Wise_Woman', speed: 1.5 } });
    const dotted = resolveShot({ shots: [] }, shot({ ...model, params: { 'voice_setting.speed': 1.5 } }), settings);
    assert.equal(dotted.fingerprint, nested.fingerprint);
  });

  it('nests dotted param names as the palette does', () => {
    const r = resolveShot({ shots: [] }, shot({ provider: 'fal', model: 'x/custom', params: { 'a.b': 1 } }), settings);
    assert.deepEqual(r.input, { a: { b: 1 }, prompt: 'A lighthouse' });
  });
});

const pick = (r: { provider: string; model: string }) => [r.provider, r.model];

describe('shotFingerprint', () => {
  const base = {
    provider: 'local' as const,
    model: 'local/image',
    input: { prompt: 'x', seed: 1, nested: { a: 1, b: [1, 2] } },
  };

  it('is 16 hex characters and the same whatever the key order', () => {
    const fp = shotFingerprint(base);
    assert.match(fp, /^[0-9a-f]{16}$/);
    const reordered = {
      input: { nested: { b: [1, 2], a: 1 }, seed: 1, prompt: 'x' },
      model: 'local/image',
      provider: 'local' as const,
    };
    assert.equal(shotFingerprint(reordered), fp);
    assert.equal(shotFingerprint({ ...base, refs: {} }), fp, 'no refs is empty refs');
  });

  it('changes with the prompt, a param, the model, the provider, a reference or array order', () => {
    const fp = shotFingerprint(base);
    const variants = [
      { ...base, input: { ...base.input, prompt: 'y' } },
      { ...base, input: { ...base.input, seed: 2 } },
      { ...base, input: { ...base.input, extra: true } },
      { ...base, model: 'local/video' },
      { ...base, provider: 'fal' as const },
      { ...base, refs: { image: 'a.png' } },
      { ...base, input: { ...base.input, nested: { a: 1, b: [2, 1] } } },
    ];
    const fps = variants.map(shotFingerprint);
    for (const f of fps) assert.notEqual(f, fp);
    assert.equal(new Set(fps).size, fps.length);
  });

  it('resolved: a style change changes every non-speech shot, and only the inputs matter', () => {
    const a: ShotList = { shots: [], defaults: { style: 'film grain' } };
    const b: ShotList = { shots: [], defaults: { style: 'watercolour' } };
    const img = shot({ model: 'local/image' });
    const say = shot({ modality: 'speech', model: 'local/speech' });
    assert.notEqual(resolveShot(a, img, settings).fingerprint, resolveShot(b, img, settings).fingerprint);
    assert.equal(resolveShot(a, say, settings).fingerprint, resolveShot(b, say, settings).fingerprint);
    const noted = { ...img, notes: 'n', scene: 's', group: 'g', output: 'o.png', take: 4 };
    assert.equal(resolveShot(a, noted, settings).fingerprint, resolveShot(a, img, settings).fingerprint);
  });
});

describe('isStale', () => {
  it('compares with the chosen take; no chosen take is not stale', () => {
    const r = resolveShot({ shots: [] }, shot({ model: 'local/image' }), settings);
    assert.equal(isStale(r, undefined), false);
    assert.equal(isStale(r, r.fingerprint), false);
    assert.equal(isStale(r, 'ffffffffffffffff'), true);
  });

  it('change three prompts in the file: exactly those three shots are stale', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `s${i}`);
    let text = `defaults:\n  style: grain\nshots:\n${ids.map((id) => `  - id: ${id}\n    modality: image\n    model: local/image\n    prompt: shot ${id}\n    params: { seed: 1 }\n`).join('')}`;
    const before = fingerprints(text);
    const edits: ShotEdit[] = [
      { kind: 'setField', ids: ['s2'], field: 'prompt', value: 'new 2' },
      { kind: 'setField', ids: ['s5'], field: 'prompt', value: 'new 5' },
      { kind: 'setField', ids: ['s9'], field: 'prompt', value: 'new 9' },
      // Not inputs: no shot turns stale for these.
      { kind: 'setField', ids: ['s1'], field: 'notes', value: 'a note' },
      { kind: 'setTake', id: 's3', take: 2 },
    ];
    for (const e of edits) {
      const r = editShotList(text, e);
      assert.ok(r.ok);
      text = r.text;
    }
    const list = parseShotList(text).list;
    const stale = list.shots.filter((s) => isStale(resolveShot(list, s, settings), before.get(s.id))).map((s) => s.id);
    assert.deepEqual(stale, ['s2', 's5', 's9']);
  });
});

function fingerprints(text: string): Map<string, string> {
  const list = parseShotList(text).list;
  return new Map(list.shots.map((s) => [s.id, resolveShot(list, s, settings).fingerprint]));
}

describe('fingerprints of shots with references', () => {
  const text = `shots:
  - id: s01
    provider: local
    model: local/image
    modality: image
    prompt: a portrait
  - id: s02
    provider: local
    model: local/image-to-video
    prompt: slow push-in
    refs: { image: shot:s01 }
`;
  const parsed = parseShotList(text);
  const s02 = parsed.list.shots[1] as Shot;

  it('choose take 2 of s01 → s02 (i2v from s01) is stale', () => {
    // The host reads the dependency's chosen take and hashes it: take 1 and take 2 differ.
    const take1 = new Map([['shot:s01', 'a'.repeat(64)]]);
    const take2 = new Map([['shot:s01', 'b'.repeat(64)]]);
    const madeFromTake1 = resolveShot(parsed.list, s02, settings, take1).fingerprint;
    assert.equal(isStale(resolveShot(parsed.list, s02, settings, take1), madeFromTake1), false);
    assert.equal(isStale(resolveShot(parsed.list, s02, settings, take2), madeFromTake1), true);
  });

  it('a workspace file counts by its content: the same path with other bytes is stale, a renamed copy too', () => {
    const withPath = parseShotList(text.replace('shot:s01', 'art/portrait.png')).list;
    const shot2 = withPath.shots[1] as Shot;
    const before = resolveShot(withPath, shot2, settings, new Map([['art/portrait.png', 'c'.repeat(64)]]));
    const after = resolveShot(withPath, shot2, settings, new Map([['art/portrait.png', 'd'.repeat(64)]]));
    assert.notEqual(before.fingerprint, after.fingerprint);
    const same = resolveShot(withPath, shot2, settings, new Map([['art/portrait.png', 'c'.repeat(64)]]));
    assert.equal(same.fingerprint, before.fingerprint);
  });

  it('a shot without references keeps the fingerprint it had before references existed', () => {
    const s01 = parsed.list.shots[0] as Shot;
    const r = resolveShot(parsed.list, s01, settings, new Map([['shot:s01', 'e'.repeat(64)]]));
    assert.equal(r.fingerprint, shotFingerprint({ provider: r.provider, model: r.model, input: r.input }));
  });
});
