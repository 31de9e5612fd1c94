// The emulator speaks both protocols faithfully (§7 of the protocol doc): raw HTTP checks, so a
// drift in the emulator is caught even where the SDKs would paper over it. Also the standalone
// runner and its /__emulator control API used by the VS Code end-to-end tests.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type ProviderEmulator, startEmulator } from '../../emulator/providerEmulator';
import { PNG_SIGNATURE } from './providerTestKit';

let emu: ProviderEmulator;
before(async () => {
  emu = await startEmulator({ timeScale: 0.01, tickMs: 5 });
});
after(() => emu.close());
beforeEach(() => emu.reset());

const R = { Authorization: 'Bearer r8_x', 'Content-Type': 'application/json' };
const F = { Authorization: 'Key id:secret', 'Content-Type': 'application/json' };
type Json = Record<string, unknown>;

async function call(method: string, url: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json: Json = {};
  try {
    json = JSON.parse(text) as Json;
  } catch {
    // Not JSON (SSE, files): the text is enough.
  }
  return { status: res.status, headers: res.headers, text, json };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Replicate protocol', () => {
  test('create by model → 201 starting, then processing, then succeeded with output URLs and metrics', async () => {
    emu.script({ script: { queueMs: 20_000, runMs: 20_000, steps: 3, predictTimeSec: 3 } });
    const c = await call('POST', `${emu.replicateBaseUrl}/models/o/n/predictions`, R, { input: { prompt: 'x' } });
    assert.equal(c.status, 201);
    assert.equal(c.json.status, 'starting');
    assert.equal(c.json.model, 'o/n');
    assert.equal(c.json.output, null);
    const urls = c.json.urls as Json;
    assert.equal(urls.get, `${emu.replicateBaseUrl}/predictions/${c.json.id}`);
    let p: Json = c.json;
    const seen = new Set<string>();
    for (let i = 0; i < 1000 && p.status !== 'succeeded'; i++) {
      await sleep(5);
      p = (await call('GET', String(urls.get), R)).json;
      seen.add(String(p.status));
    }
    assert.ok(seen.has('processing'));
    assert.equal(p.status, 'succeeded');
    assert.ok(Array.isArray(p.output) && String(p.output[0]).startsWith(`${emu.url}/files/replicate/`));
    assert.equal(p.logs, 'step 1/3\nstep 2/3\nstep 3/3\n');
    assert.equal((p.metrics as Json).predict_time, 3);
    assert.ok(p.started_at && p.completed_at);
  });

  test('Prefer: wait=N holds, and answers "starting" (never "processing") when the wait runs out', async () => {
    emu.script({ script: { queueMs: 0, runMs: 1_000_000 } });
    const c = await call(
      'POST',
      `${emu.replicateBaseUrl}/predictions`,
      { ...R, Prefer: 'wait=2' },
      { version: 'o/n:abc', input: {} },
    );
    assert.equal(c.status, 201);
    assert.equal(c.json.status, 'starting');
    assert.equal(c.json.version, 'abc');
    const again = await call('GET', `${emu.replicateBaseUrl}/predictions/${c.json.id}`, R);
    assert.equal(again.json.status, 'processing');
  });

  test('Cancel-After: aborted before start, canceled while running', async () => {
    emu.script({ script: { queueMs: 100_000, runMs: 100_000 } });
    const early = await call(
      'POST',
      `${emu.replicateBaseUrl}/models/o/n/predictions`,
      { ...R, 'Cancel-After': '1s' },
      { input: {} },
    );
    emu.script({ script: { queueMs: 0, runMs: 100_000 } });
    const late = await call(
      'POST',
      `${emu.replicateBaseUrl}/models/o/n/predictions`,
      { ...R, 'Cancel-After': '1s' },
      { input: {} },
    );
    await sleep(40);
    const a = await call('GET', `${emu.replicateBaseUrl}/predictions/${early.json.id}`, R);
    const b = await call('GET', `${emu.replicateBaseUrl}/predictions/${late.json.id}`, R);
    assert.equal(a.json.status, 'aborted');
    assert.equal(a.json.metrics, undefined, 'aborted is not billed');
    assert.equal(b.json.status, 'canceled');
    assert.ok(b.json.metrics);
  });

  test('cancel, list with absolute next links, problem+json errors', async () => {
    const small = await startEmulator({ timeScale: 0.01, listPageSize: 2 });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push(
          String((await call('POST', `${small.replicateBaseUrl}/models/o/n/predictions`, R, { input: { i } })).json.id),
        );
      }
      const cancel = await call('POST', `${small.replicateBaseUrl}/predictions/${ids[0]}/cancel`, R);
      assert.equal(cancel.status, 200);
      const page1 = await call('GET', `${small.replicateBaseUrl}/predictions`, R);
      assert.deepEqual(
        (page1.json.results as Json[]).map((p) => p.id),
        [ids[2], ids[1]],
      );
      assert.equal(page1.json.next, `${small.replicateBaseUrl}/predictions?cursor=2`);
      const page2 = await call('GET', String(page1.json.next), R);
      assert.deepEqual(
        (page2.json.results as Json[]).map((p) => p.id),
        [ids[0]],
      );
      assert.equal(page2.json.next, null);
      const unauth = await call('GET', `${small.replicateBaseUrl}/predictions`, {});
      assert.equal(unauth.status, 401);
      assert.equal(unauth.headers.get('content-type'), 'application/problem+json');
      assert.equal(unauth.json.title, 'Unauthenticated');
      const missing = await call('GET', `${small.replicateBaseUrl}/predictions/nope`, R);
      assert.equal(missing.status, 404);
      const invalid = await call('POST', `${small.replicateBaseUrl}/predictions`, R, { input: {} });
      assert.equal(invalid.status, 422);
    } finally {
      await small.close();
    }
  });
});

describe('fal protocol', () => {
  test('submit, status 202/200 with positions and logs (only with logs=1), result with x-fal-request-id', async () => {
    emu.script({ script: { queueMs: 100_000, queuePositions: [2, 1], runMs: 20_000, steps: 2, predictTimeSec: 3 } });
    const s = await call('POST', `${emu.falBaseUrl}/fal-ai/flux/dev`, F, { prompt: 'x' });
    assert.equal(s.status, 200);
    assert.equal(s.json.status, 'IN_QUEUE');
    const id = String(s.json.request_id);
    assert.equal(s.headers.get('x-fal-request-id'), id);
    // Status/result/cancel URLs drop the model path ("/dev"), as fal's do.
    assert.equal(s.json.status_url, `${emu.falBaseUrl}/fal-ai/flux/requests/${id}/status`);
    const q = await call('GET', `${emu.falBaseUrl}/fal-ai/flux/requests/${id}/status?logs=1`, F);
    assert.equal(q.status, 202);
    assert.equal(q.json.queue_position, 2);
    let st = q;
    for (let i = 0; i < 1000 && st.json.status !== 'IN_PROGRESS'; i++) {
      await sleep(5);
      st = await call('GET', `${emu.falBaseUrl}/fal-ai/flux/requests/${id}/status?logs=1`, F);
    }
    assert.equal(st.status, 202);
    assert.ok(Array.isArray(st.json.logs));
    const noLogs = await call('GET', `${emu.falBaseUrl}/fal-ai/flux/requests/${id}/status?logs=0`, F);
    assert.equal(noLogs.json.logs, null);
    const early = await call('GET', `${emu.falBaseUrl}/fal-ai/flux/requests/${id}`, F);
    assert.equal(early.status, 400);
    for (let i = 0; i < 1000 && st.json.status !== 'COMPLETED'; i++) {
      await sleep(5);
      st = await call('GET', `${emu.falBaseUrl}/fal-ai/flux/requests/${id}/status?logs=1`, F);
    }
    assert.equal(st.status, 200);
    assert.equal((st.json.metrics as Json).inference_time, 3);
    const r = await call('GET', `${emu.falBaseUrl}/fal-ai/flux/requests/${id}`, F);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.equal(r.headers.get('x-fal-request-id'), id);
    assert.equal((r.json.images as Json[]).length, 1);
  });

  test('the status stream is SSE and ends after the COMPLETED frame', async () => {
    emu.script({ script: { queueMs: 20_000, runMs: 20_000 } });
    const id = String((await call('POST', `${emu.falBaseUrl}/fal-ai/flux/dev`, F, { prompt: 'x' })).json.request_id);
    const res = await fetch(`${emu.falBaseUrl}/fal-ai/flux/requests/${id}/status/stream?logs=1`, { headers: F });
    assert.ok(res.headers.get('content-type')?.startsWith('text/event-stream'));
    const text = await res.text(); // resolves only because the server closes the stream
    const frames = text
      .split('\n\n')
      .filter(Boolean)
      .map((f) => JSON.parse(f.replace(/^data: /, '')) as Json);
    assert.deepEqual([...new Set(frames.map((f) => f.status))], ['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED']);
    assert.equal(frames.at(-1)?.status, 'COMPLETED');
  });

  test('cancel: 202 CANCELLATION_REQUESTED, 400 ALREADY_COMPLETED, 404 NOT_FOUND; failures say COMPLETED + error', async () => {
    emu.script({ script: { queueMs: 1_000_000 } });
    const id = String((await call('POST', `${emu.falBaseUrl}/fal-ai/flux/dev`, F, {})).json.request_id);
    const c1 = await call('PUT', `${emu.falBaseUrl}/fal-ai/flux/requests/${id}/cancel`, F);
    assert.deepEqual([c1.status, c1.json.status], [202, 'CANCELLATION_REQUESTED']);
    const c2 = await call('PUT', `${emu.falBaseUrl}/fal-ai/flux/requests/${id}/cancel`, F);
    assert.deepEqual([c2.status, c2.json.status], [400, 'ALREADY_COMPLETED']);
    const c3 = await call('PUT', `${emu.falBaseUrl}/fal-ai/flux/requests/nope/cancel`, F);
    assert.deepEqual([c3.status, c3.json.status], [404, 'NOT_FOUND']);
    emu.script({
      script: { queueMs: 0, runMs: 0, outcome: 'failed', error: 'boom', errorType: 'runner_server_error' },
    });
    const f = String((await call('POST', `${emu.falBaseUrl}/fal-ai/flux/dev`, F, {})).json.request_id);
    const st = await call('GET', `${emu.falBaseUrl}/fal-ai/flux/requests/${f}/status`, F);
    assert.deepEqual([st.json.status, st.json.error, st.json.error_type], ['COMPLETED', 'boom', 'runner_server_error']);
    const r = await call('GET', `${emu.falBaseUrl}/fal-ai/flux/requests/${f}`, F);
    assert.equal(r.status, 500);
    assert.equal(r.headers.get('x-fal-error-type'), 'runner_server_error');
  });

  test('auth and balance errors carry `detail`; storage upload round-trips', async () => {
    const none = await call('POST', `${emu.falBaseUrl}/fal-ai/flux/dev`, { 'Content-Type': 'application/json' }, {});
    assert.equal(none.status, 401);
    assert.match(String(none.json.detail), /No user found/);
    emu.fault({ provider: 'fal', route: 'submit', kind: '403-balance' });
    const locked = await call('POST', `${emu.falBaseUrl}/fal-ai/flux/dev`, F, {});
    assert.equal(locked.status, 403);
    assert.match(String(locked.json.detail), /Exhausted balance/);
    const init = await call('POST', `${emu.falBaseUrl}/storage/upload/initiate?storage_type=fal-cdn-v3`, F, {
      content_type: 'text/plain',
      file_name: 'a.txt',
    });
    const put = await fetch(String(init.json.upload_url), {
      method: 'PUT',
      body: 'hello',
      headers: { 'Content-Type': 'text/plain' },
    });
    assert.equal(put.status, 200);
    const got = await fetch(String(init.json.file_url));
    assert.equal(await got.text(), 'hello');
  });
});

describe('fal request history (api.fal.ai Platform API)', () => {
  test('Key auth, endpoint_id required, finished requests only, payloads only when expanded, cursor pages', async () => {
    const H = `${emu.falBaseUrl}/v1/models/requests/by-endpoint`;
    emu.script({ model: 'a/b', script: { queueMs: 0, runMs: 0 } });
    const done = String((await call('POST', `${emu.falBaseUrl}/a/b`, F, { prompt: 'x' })).json.request_id);
    emu.script({ model: 'a/b', script: { queueMs: 10_000_000 } });
    await call('POST', `${emu.falBaseUrl}/a/b`, F, { prompt: 'queued' });
    await sleep(20);
    assert.equal((await call('GET', `${H}?endpoint_id=a/b`, {})).status, 401);
    assert.equal((await call('GET', H, F)).status, 422);
    assert.equal((await call('GET', `${H}?endpoint_id=a/b&limit=101`, F)).status, 422);
    const plain = await call('GET', `${H}?endpoint_id=a/b`, F);
    assert.equal(plain.status, 200);
    const items = plain.json.items as Json[];
    assert.deepEqual(
      items.map((i) => i.request_id),
      [done],
    );
    assert.equal(items[0]?.status_code, 200);
    assert.equal('json_input' in (items[0] ?? {}), false);
    assert.deepEqual([plain.json.has_more, plain.json.next_cursor], [false, null]);
    const expanded = await call('GET', `${H}?endpoint_id=a/b&expand=payloads`, F);
    assert.deepEqual((expanded.json.items as Json[])[0]?.json_input, { prompt: 'x' });
    const later = await call('GET', `${H}?endpoint_id=a/b&start=${new Date(Date.now() + 60_000).toISOString()}`, F);
    assert.deepEqual(later.json.items, []);
  });
});

describe('output files and download faults', () => {
  async function finishedUrl(model: string): Promise<string> {
    emu.script({ script: { queueMs: 0, runMs: 0 } });
    const id = String((await call('POST', `${emu.falBaseUrl}/${model}`, F, {})).json.request_id);
    const r = await call('GET', `${emu.falBaseUrl}/${model.split('/').slice(0, 2).join('/')}/requests/${id}`, F);
    const file = (r.json.images as Json[] | undefined)?.[0] ?? r.json.video ?? r.json.audio;
    return String((file as Json).url);
  }

  test('real bytes: PNG, WAV (RIFF/WAVE), MP4 (ftyp) with the right content types', async () => {
    const png = await fetch(await finishedUrl('fal-ai/flux/dev'));
    assert.equal(png.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await png.arrayBuffer()).subarray(0, 8), PNG_SIGNATURE);
    const wav = Buffer.from(await (await fetch(await finishedUrl('fal-ai/kokoro/american-english'))).arrayBuffer());
    assert.equal(wav.toString('ascii', 0, 4), 'RIFF');
    assert.equal(wav.toString('ascii', 8, 12), 'WAVE');
    const mp4 = await fetch(await finishedUrl('fal-ai/veo3'));
    assert.equal(mp4.headers.get('content-type'), 'video/mp4');
    assert.equal(Buffer.from(await mp4.arrayBuffer()).toString('ascii', 4, 8), 'ftyp');
  });

  test('gone (404) and truncated (Content-Length larger than the body, then close)', async () => {
    const url = await finishedUrl('fal-ai/flux/dev');
    emu.fault({ provider: 'fal', route: 'output', kind: '404' });
    assert.equal((await fetch(url)).status, 404);
    emu.fault({ provider: 'fal', route: 'output', kind: 'truncated' });
    const res = await fetch(url);
    assert.equal(res.status, 200);
    await assert.rejects(res.arrayBuffer());
    assert.equal((await fetch(url)).status, 200, 'faults are used up');
  });
});

describe('faults, scripts and counters', () => {
  test('times: n hits n requests; -1 holds until reset; counters count every request', async () => {
    emu.fault({ provider: 'replicate', route: 'submit', kind: '429', times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call('POST', `${emu.replicateBaseUrl}/models/o/n/predictions`, R, { input: {} })).status);
    assert.deepEqual(statuses, [429, 429, 201]);
    assert.equal(emu.submits('replicate'), 1);
    assert.equal(emu.requests('replicate', 'submit'), 3);
    emu.fault({ provider: 'fal', route: 'submit', kind: '503', times: -1 });
    for (let i = 0; i < 3; i++) assert.equal((await call('POST', `${emu.falBaseUrl}/a/b`, F, {})).status, 503);
    emu.reset();
    assert.equal((await call('POST', `${emu.falBaseUrl}/a/b`, F, {})).status, 200);
    assert.deepEqual(emu.counts(), {
      submits: { fal: 1, replicate: 0 },
      uploads: { fal: 0, replicate: 0 },
      requests: { 'fal:submit': 1 },
    });
  });

  test('model-scoped faults and next-job scripts', async () => {
    emu.fault({ provider: 'fal', route: 'submit', kind: '500', model: 'a/other' });
    assert.equal((await call('POST', `${emu.falBaseUrl}/a/b`, F, {})).status, 200);
    assert.equal((await call('POST', `${emu.falBaseUrl}/a/other`, F, {})).status, 500);
    emu.script({ next: 'fal', script: { queueMs: 0, runMs: 0, outcome: 'failed' } });
    const failed = String((await call('POST', `${emu.falBaseUrl}/a/b`, F, {})).json.request_id);
    const normal = String((await call('POST', `${emu.falBaseUrl}/a/b`, F, {})).json.request_id);
    assert.equal(emu.job(failed)?.phase, 'failed');
    assert.notEqual(emu.job(normal)?.phase, 'failed');
  });

  test("every response carries a Date header on the provider's clock, matching created_at", async () => {
    emu.setClockSkew(-3_600_000);
    const created = await call('POST', `${emu.replicateBaseUrl}/models/o/n/predictions`, R, { input: {} });
    const date = Date.parse(created.headers.get('date') ?? '');
    assert.ok(Math.abs(date - (Date.now() - 3_600_000)) < 5_000, `Date ${created.headers.get('date')}`);
    assert.ok(Math.abs(Date.parse(String(created.json.created_at)) - date) < 2_000);
    const fal = await call('POST', `${emu.falBaseUrl}/a/b`, F, {});
    assert.ok(Math.abs(Date.parse(fal.headers.get('date') ?? '') - date) < 5_000);
  });

  test('a 10-minute scripted video finishes in milliseconds at a small time scale', async () => {
    const fast = await startEmulator({ timeScale: 0.00005, tickMs: 2 });
    try {
      fast.script({ script: { queueMs: 60_000, runMs: 600_000 } });
      const id = String((await call('POST', `${fast.falBaseUrl}/fal-ai/veo3`, F, {})).json.request_id);
      let phase = fast.job(id)?.phase;
      for (let i = 0; i < 500 && phase !== 'succeeded'; i++) {
        await sleep(2);
        phase = fast.job(id)?.phase;
      }
      assert.equal(phase, 'succeeded');
    } finally {
      await fast.close();
    }
  });
});

describe('standalone runner and its control API', () => {
  let child: ChildProcess | undefined;
  after(() => {
    if (child?.pid && child.exitCode === null) child.kill('SIGTERM');
  });

  test('prints one JSON line, then serves /__emulator/{counts,fault,script,reset}', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/runEmulator.ts'], {
      env: { ...process.env, PORT: '0', TIME_SCALE: '0.01' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout! });
    const [first] = (await once(lines, 'line')) as [string];
    const info = JSON.parse(first) as { url: string; falBaseUrl: string; replicateBaseUrl: string };
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(info.falBaseUrl, `${info.url}/fal`);
    assert.equal(info.replicateBaseUrl, `${info.url}/replicate/v1`);

    const ctl = (path: string, body?: unknown) =>
      call(body === undefined ? 'GET' : 'POST', `${info.url}/__emulator${path}`, {}, body);
    assert.equal((await ctl('/fault', { provider: 'fal', route: 'submit', kind: '429', retryAfter: '2' })).status, 200);
    const throttled = await call('POST', `${info.falBaseUrl}/fal-ai/flux/dev`, F, {});
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '2');
    assert.equal(
      (await ctl('/script', { next: 'fal', script: { queueMs: 0, runMs: 0, outcome: 'failed' } })).status,
      200,
    );
    const id = String((await call('POST', `${info.falBaseUrl}/fal-ai/flux/dev`, F, {})).json.request_id);
    const st = await call('GET', `${info.falBaseUrl}/fal-ai/flux/requests/${id}/status`, F);
    assert.equal(st.json.status, 'COMPLETED');
    assert.ok(st.json.error);
    const counts = await ctl('/counts');
    assert.deepEqual(counts.json, {
      submits: { fal: 1, replicate: 0 },
      uploads: { fal: 0, replicate: 0 },
      requests: { 'fal:submit': 2, 'fal:status': 1 },
    });
    const bad = await ctl('/fault', { provider: 'fal', route: 'nowhere', kind: '429' });
    assert.equal(bad.status, 400);
    assert.match(String(bad.json.detail), /fault.route/);
    assert.equal((await ctl('/reset', {})).status, 200);
    assert.deepEqual((await ctl('/counts')).json, {
      submits: { fal: 0, replicate: 0 },
      uploads: { fal: 0, replicate: 0 },
      requests: {},
    });
    child.kill('SIGTERM');
    await once(child, 'exit');
  });
});
