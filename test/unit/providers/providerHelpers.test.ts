// The small pure helpers behind both adapters: Retry-After and throttle text, log progress,
// output walking, error-body parsing, status mapping, failure classification.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { falTakes } from '../../../src/providers/fal/falOutputs';
import { isMeaningfulChange, mapFalStatus } from '../../../src/providers/fal/falStatus';
import { apiErrorBody } from '../../../src/providers/replicate/replicateErrors';
import { mapPrediction } from '../../../src/providers/replicate/replicateStatus';
import { classifyJobFailure } from '../../../src/providers/shared/failureText';
import { falUrlRewriter } from '../../../src/providers/shared/guardedFetch';
import { parseLogProgress, splitLogText } from '../../../src/providers/shared/logProgress';
import { collectUrlTakes } from '../../../src/providers/shared/outputWalk';
import { parseRetryAfterHeader, parseThrottleDetail } from '../../../src/providers/shared/retryAfter';
import { jsonEqual } from '../../../src/providers/shared/values';

describe('retry hints', () => {
  test('Retry-After as seconds, as an HTTP date, or junk', () => {
    assert.equal(parseRetryAfterHeader('7'), 7000);
    assert.equal(parseRetryAfterHeader('0'), 0);
    const now = Date.parse('2026-11-23T10:00:00Z');
    assert.equal(parseRetryAfterHeader('Mon, 23 Nov 2026 10:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfterHeader('Mon, 23 Nov 2026 09:59:00 GMT', now), 0);
    assert.equal(parseRetryAfterHeader('soon'), undefined);
    assert.equal(parseRetryAfterHeader(null), undefined);
    assert.equal(parseRetryAfterHeader('999999'), 15 * 60_000, 'capped');
  });

  test("Replicate's throttle texts", () => {
    assert.equal(parseThrottleDetail('Request was throttled. Expected available in 1 second.'), 1000);
    assert.equal(parseThrottleDetail('Request was throttled. Expected available in 12 seconds.'), 12_000);
    assert.equal(parseThrottleDetail('Request was throttled. Your rate limit resets in ~30s.'), 30_000);
    assert.equal(parseThrottleDetail('Request was throttled.'), undefined);
    assert.equal(parseThrottleDetail(undefined), undefined);
  });
});

describe('log progress', () => {
  test('tqdm bars, "step i/N", and bare percentages; the latest line wins', () => {
    assert.equal(parseLogProgress(['76%|███████▌  | 7568/10000 [00:33<00:10, 229.00it/s]']), 0.7568);
    assert.equal(parseLogProgress(['loading', 'step 3/20', 'step 12/28']), 12 / 28);
    assert.equal(parseLogProgress(['Step: 5 of 10']), 0.5);
    assert.equal(parseLogProgress(['progress: 45%']), 0.45);
    assert.equal(parseLogProgress(['step 30/28']), 1);
    assert.equal(parseLogProgress(['Using seed 42', 'Downloading weights']), undefined);
    assert.equal(parseLogProgress([]), undefined);
  });

  test('Replicate log text splits on newlines and tqdm carriage returns', () => {
    assert.deepEqual(splitLogText('a\r\nb\n 10%|█| 1/10\r 20%|██| 2/10\n\n'), [
      'a',
      'b',
      ' 10%|█| 1/10',
      ' 20%|██| 2/10',
    ]);
    assert.deepEqual(splitLogText(null), []);
  });
});

describe('outputs', () => {
  test('Replicate: a string, an array, nested objects; data: URIs become bytes', () => {
    const takes = collectUrlTakes({
      video: 'https://replicate.delivery/x/out.mp4',
      frames: ['https://replicate.delivery/x/a.png', 'not a url', 3],
      thumb: 'data:image/png;base64,iVBORw0KGgo=',
    });
    assert.equal(takes.length, 3);
    assert.deepEqual(takes[0], {
      url: 'https://replicate.delivery/x/out.mp4',
      contentType: 'video/mp4',
      suggestedName: 'out.mp4',
    });
    assert.equal(takes[1]!.contentType, 'image/png');
    assert.equal(takes[2]!.contentType, 'image/png');
    assert.deepEqual([...(takes[2]!.data ?? [])].slice(0, 4), [0x89, 0x50, 0x4e, 0x47]);
    assert.deepEqual(collectUrlTakes('hello'), []);
    assert.deepEqual(collectUrlTakes(null), []);
  });

  test('fal: images[], image, video, audio, audio_file with names and sizes', () => {
    const takes = falTakes({
      images: [{ url: 'https://v3.fal.media/a.jpg', width: 1024, height: 768, content_type: 'image/jpeg' }],
      video: { url: 'https://v3.fal.media/v.mp4', file_name: 'output.mp4', content_type: 'video/mp4', duration: 5 },
      audio_file: { url: 'https://v3.fal.media/s.wav' },
      seed: 1,
    });
    assert.deepEqual(takes, [
      {
        url: 'https://v3.fal.media/a.jpg',
        contentType: 'image/jpeg',
        suggestedName: 'a.jpg',
        width: 1024,
        height: 768,
      },
      { url: 'https://v3.fal.media/v.mp4', contentType: 'video/mp4', suggestedName: 'output.mp4', durationSec: 5 },
      { url: 'https://v3.fal.media/s.wav', contentType: 'audio/wav', suggestedName: 's.wav' },
    ]);
    assert.deepEqual(falTakes({ text: 'no files' }), []);
  });
});

describe('status mapping', () => {
  test('fal statuses, including failure and cancellation hidden in COMPLETED', () => {
    assert.deepEqual(mapFalStatus({ status: 'IN_QUEUE', queue_position: 3 }).status, {
      phase: 'queued',
      queuePosition: 4, // fal counts from 0; a job shows 1 for next in line
    });
    const running = mapFalStatus({ status: 'IN_PROGRESS', logs: [{ message: 'step 2/4' }] }).status;
    assert.deepEqual(running, { phase: 'running', logs: ['step 2/4'], progress: 0.5 });
    const done = mapFalStatus({ status: 'COMPLETED', logs: [], metrics: { inference_time: 2.5 } }).status;
    assert.deepEqual(done, { phase: 'completed', progress: 1, metrics: { predictTimeSec: 2.5 } });
    const failed = mapFalStatus({ status: 'COMPLETED', error: 'boom', error_type: 'runner_server_error' });
    assert.equal(failed.status.phase, 'failed');
    assert.deepEqual(failed.failure, { text: 'boom', errorType: 'runner_server_error' });
    assert.equal(
      mapFalStatus({ status: 'COMPLETED', error: 'x', error_type: 'client_cancelled' }).status.phase,
      'canceled',
    );
    assert.throws(() => mapFalStatus({ status: 'FAILED' }), /does not understand/);
  });

  test('fal stream changes: state or queue position, or completion', () => {
    assert.equal(
      isMeaningfulChange({ status: 'IN_QUEUE', queue_position: 2 }, { phase: 'queued', queuePosition: 3 }),
      false,
    );
    assert.equal(
      isMeaningfulChange({ status: 'IN_QUEUE', queue_position: 1 }, { phase: 'queued', queuePosition: 3 }),
      true,
    );
    assert.equal(isMeaningfulChange({ status: 'IN_PROGRESS' }, { phase: 'queued' }), true);
    assert.equal(isMeaningfulChange({ status: 'IN_PROGRESS', logs: [{ message: 'x' }] }, { phase: 'running' }), false);
    assert.equal(isMeaningfulChange({ status: 'COMPLETED' }, { phase: 'completed' }), true);
  });

  test('Replicate statuses: starting, processing, succeeded, failed, canceled, aborted', () => {
    const base = { id: 'p', logs: '' };
    assert.equal(mapPrediction({ ...base, status: 'starting' }).phase, 'queued');
    assert.equal(mapPrediction({ ...base, status: 'processing' }).phase, 'running');
    const ok = mapPrediction({ ...base, status: 'succeeded', metrics: { predict_time: 1.25, total_time: 2 } });
    assert.deepEqual(ok, { phase: 'completed', progress: 1, metrics: { predictTimeSec: 1.25, totalTimeSec: 2 } });
    assert.equal(mapPrediction({ ...base, status: 'failed', error: 'boom' }).phase, 'failed');
    assert.equal(mapPrediction({ ...base, status: 'canceled' }).phase, 'canceled');
    assert.equal(
      mapPrediction({ ...base, status: 'aborted' }).phase,
      'canceled',
      'a Cancel-After deadline before start',
    );
  });
});

describe('errors', () => {
  test("the body inside Replicate's ApiError message", () => {
    const msg =
      'Request to http://127.0.0.1:1/v1/predictions failed with status 422 Unprocessable Entity: {"detail":"- input: prompt is required\\n","status":422}.';
    assert.deepEqual(JSON.parse(apiErrorBody(msg)), { detail: '- input: prompt is required\n', status: 422 });
    assert.equal(apiErrorBody('something else'), '');
  });

  test('job failures: content policy, infrastructure, input, unknown', () => {
    assert.equal(classifyJobFailure('Replicate', 'NSFW content detected.').category, 'billing-policy');
    assert.equal(classifyJobFailure('fal', 'boom', 'runner_server_error').category, 'transient');
    assert.equal(classifyJobFailure('Replicate', 'CUDA out of memory').category, 'transient');
    assert.equal(classifyJobFailure('Replicate', 'width must be a multiple of 64').category, 'input');
    const unknown = classifyJobFailure('Replicate', 'KeyError: foo');
    assert.equal(unknown.category, 'transient');
    assert.equal(unknown.retryable, false);
    assert.match(unknown.message, /KeyError: foo/);
  });
});

test('fal URL rewriting covers queue.fal.run, fal.run, rest.fal.ai and api.fal.ai only', () => {
  const rw = falUrlRewriter('http://127.0.0.1:9/fal/')!;
  assert.equal(rw('https://queue.fal.run/fal-ai/flux/dev'), 'http://127.0.0.1:9/fal/fal-ai/flux/dev');
  assert.equal(rw('https://fal.run/fal-ai/flux/dev'), 'http://127.0.0.1:9/fal/fal-ai/flux/dev');
  assert.equal(rw('https://rest.fal.ai/storage/upload/initiate'), 'http://127.0.0.1:9/fal/storage/upload/initiate');
  assert.equal(
    rw('https://api.fal.ai/v1/models/requests/by-endpoint'),
    'http://127.0.0.1:9/fal/v1/models/requests/by-endpoint',
  );
  assert.equal(rw('https://v3.fal.media/files/x.png'), 'https://v3.fal.media/files/x.png');
  assert.equal(falUrlRewriter(undefined), undefined);
});

test('input matching for reconcile ignores key order, not values', () => {
  assert.ok(jsonEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }));
  assert.ok(!jsonEqual({ a: 1 }, { a: 2 }));
  assert.ok(!jsonEqual({ a: [1, 2] }, { a: [2, 1] }));
  assert.ok(!jsonEqual({ a: 1 }, { a: 1, b: 2 }));
});
