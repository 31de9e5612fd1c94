// What the offline renderers take from a reference's audio: the loudness that moves the talking
// head, and the pitch and pace that set the eSpeak NG voice.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MP3_DELAY_SAMPLES } from '../../../src/providers/local/mp3Encode';
import { loudnessPerFrame } from '../../../src/providers/local/renderTalkingHead';
import { analyseVoice, espeakVoiceFor } from '../../../src/providers/local/voiceProfile';
import { voiceSamples } from './referenceFixtures';

const asFloat = (s: Int16Array) => Float32Array.from(s, (v) => v / 32768);

describe('voice profile', () => {
  it('finds the pitch of a low and a high voice, not an octave off', () => {
    for (const pitchHz of [100, 120, 220]) {
      const v = voiceSamples({ seconds: 3, pitchHz });
      const profile = analyseVoice(asFloat(v.samples), v.sampleRate);
      assert.ok(Math.abs((profile.pitchHz ?? 0) - pitchHz) < pitchHz * 0.05, `${pitchHz} Hz → ${profile.pitchHz}`);
    }
  });

  it('counts a faster speaker as faster', () => {
    const slow = voiceSamples({ seconds: 4, pitchHz: 120, syllablesPerSec: 3 });
    const fast = voiceSamples({ seconds: 4, pitchHz: 120, syllablesPerSec: 6 });
    const a = analyseVoice(asFloat(slow.samples), slow.sampleRate).peaksPerSec ?? 0;
    const b = analyseVoice(asFloat(fast.samples), fast.sampleRate).peaksPerSec ?? 0;
    assert.ok(a > 2 && b > a * 1.5, `slow ${a}/s, fast ${b}/s`);
  });

  it('gives nothing for silence, and eSpeak keeps its defaults then', () => {
    const profile = analyseVoice(new Float32Array(22050), 22050);
    assert.deepEqual(profile, {});
    assert.deepEqual(espeakVoiceFor(profile), { voice: 'en-us', pitch: 50, wordsPerMinute: 175 });
  });

  it('maps pitch to a voice and -p: a high voice gets the female variant, pitch and pace stay in range', () => {
    assert.deepEqual(espeakVoiceFor({ pitchHz: 101, peaksPerSec: 5.8 }), {
      voice: 'en-us',
      pitch: 50,
      wordsPerMinute: 174,
    });
    assert.equal(espeakVoiceFor({ pitchHz: 204 }).voice, 'en-us+f3');
    assert.equal(espeakVoiceFor({ pitchHz: 204 }).pitch, 50);
    assert.ok(espeakVoiceFor({ pitchHz: 260 }).pitch > 70);
    assert.equal(espeakVoiceFor({ pitchHz: 30 }).pitch, 0);
    assert.equal(espeakVoiceFor({ pitchHz: 100, peaksPerSec: 50 }).wordsPerMinute, 260);
  });
});

describe('talking head loudness', () => {
  it('is 0 in silence and 1 on the loud parts, following the audio as heard (after the MP3 delay)', () => {
    const rate = 22050;
    const samples = new Float32Array(rate * 2);
    for (let i = rate; i < rate * 2; i++) samples[i] = 0.5 * Math.sin(i / 3); // silent second, then loud
    const level = loudnessPerFrame(samples, rate, 24, 48);
    assert.equal(level[10], 0);
    assert.ok((level[30] ?? 0) > 0.99, `loud: ${level[30]}`);
    // The loud part is heard MP3_DELAY_SAMPLES after it starts in the source.
    const firstLoud = level.findIndex((v) => v > 0);
    assert.equal(firstLoud, Math.floor(24 * (1 + MP3_DELAY_SAMPLES / rate)));
  });

  it('closes over a few frames rather than snapping shut', () => {
    const rate = 8000;
    const samples = new Float32Array(rate);
    for (let i = 0; i < rate / 2; i++) samples[i] = 0.5 * Math.sin(i / 3);
    const level = loudnessPerFrame(samples, rate, 24, 24);
    // The sound stops within frame 15 (0.5 s + the MP3 delay): the level falls by 0.6 a frame.
    const tail = [...level.slice(15, 19)].map((v) => Math.round(v * 100) / 100);
    assert.deepEqual(tail, [0.82, 0.49, 0.3, 0.18]);
  });
});
