// Flow: a person with no key in the environment sets both keys with "GenQueue: Set API Key…" (a password box),
// generates an image on fal and one on Replicate, and the keys reach the providers and nowhere else: not in
// settings, globalState, logs, sidecars, the workspace, browser storage or the panel.
// The emulator runs in this process with the exact keys required (Authorization: Key <k> / Bearer <t>), so a job
// that succeeds proves the typed key was sent (the standalone emulator process accepts any key, and its request
// log does not record headers).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ProviderEmulator, startEmulator } from '../../emulator/providerEmulator';
import { emulatorAvailable } from '../harness/emulator';
import { ASSETS_FOLDER, generatedAssets } from '../harness/generate';
import { genQueueLogs } from '../harness/multiWindow';
import { openGenerationsPanel, type Panel } from '../harness/panel';
import { type Session, startSession } from '../harness/session';
import { waitUntil } from '../harness/waitUntil';

const FAL_KEY = `fal-e2e-key-${randomBytes(6).toString('hex')}:secret${randomBytes(6).toString('hex')}`;
const REPLICATE_TOKEN = `r8_e2e${randomBytes(12).toString('hex')}`;
const KEYS = [FAL_KEY, REPLICATE_TOKEN];

const FAL_MODEL = 'fal-ai/flux/schnell';
const REPLICATE_MODEL = 'black-forest-labs/flux-schnell';
const MODEL_LABEL = 'FLUX.1 [schnell]';
const PROMPT_FAL = 'A brass key hanging on a nail in a barn';
const PROMPT_REPLICATE = 'A padlock made of ice on a garden gate';

/** Every file under `root` (skipping node_modules) whose bytes contain one of the keys, as UTF-8 or UTF-16LE. */
function filesWithKeys(root: string): { file: string; offsets: number[] }[] {
  const hits: { file: string; offsets: number[] }[] = [];
  const needles = KEYS.flatMap((k) => [Buffer.from(k, 'utf8'), Buffer.from(k, 'utf16le')]);
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.parentPath.includes('node_modules')) continue;
    const path = join(entry.parentPath, entry.name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      continue; // A log rotated away while walking.
    }
    const offsets: number[] = [];
    for (const needle of needles) {
      for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) offsets.push(at);
    }
    if (offsets.length > 0) hits.push({ file: relative(root, path), offsets });
  }
  return hits;
}

/**
 * Every entry of the workbench page's IndexedDB databases and localStorage, as text: the web workbench keeps
 * its storage (and the extension's globalState) in the browser, not in <user-data-dir>.
 */
async function browserStorage(session: Session): Promise<{ where: string; key: string; value: string }[]> {
  // A string, not a function: tsx's keepNames helpers (__name) do not exist in the page.
  return (await session.wb.page.evaluate(`(async () => {
    const rows = [];
    const text = (v) => v instanceof Uint8Array ? new TextDecoder().decode(v)
      : v instanceof ArrayBuffer ? new TextDecoder().decode(new Uint8Array(v))
      : typeof v === 'string' ? v : JSON.stringify(v);
    const ask = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    for (const info of await indexedDB.databases()) {
      const db = await ask(indexedDB.open(info.name));
      for (const store of db.objectStoreNames) {
        const s = db.transaction(store, 'readonly').objectStore(store);
        const [keys, values] = await Promise.all([ask(s.getAllKeys()), ask(s.getAll())]);
        keys.forEach((k, i) => rows.push({ where: 'indexedDB ' + info.name + '/' + store, key: String(k), value: text(values[i]) }));
      }
      db.close();
    }
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      rows.push({ where: 'localStorage', key: k, value: localStorage.getItem(k) || '' });
    }
    return rows;
  })()`)) as { where: string; key: string; value: string }[];
}

/** All text of the panel's document, shadow roots and attribute values included. */
async function panelText(panel: Panel): Promise<string> {
  return panel.root.locator('body').evaluate((body) => {
    const parts: string[] = [];
    const stack: Node[] = [body];
    while (stack.length > 0) {
      const node = stack.pop() as Node;
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      if (node instanceof Element) {
        for (const attr of Array.from(node.attributes)) parts.push(attr.value);
        if (node.shadowRoot) stack.push(node.shadowRoot);
        if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) parts.push(node.value);
      }
      stack.push(...Array.from(node.childNodes));
    }
    return parts.join('\n');
  });
}

/** The key-setting path a person takes: F1, "GenQueue: Set API Key…", pick the provider, type into the box. */
async function setKeyFromPalette(session: Session, providerLabel: string, key: string): Promise<void> {
  const { wb } = session;
  await wb.runCommand('GenQueue: Set API Key…');
  await wb.pickQuickItem(providerLabel);
  const input = wb.page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  assert.equal(await input.getAttribute('type'), 'password', 'the key is typed into a password box');
  await wb.submitInputBox(key);
  await wb.page.locator('.notifications-toasts', { hasText: `${providerLabel} key saved.` }).waitFor();
}

/**
 * Sets genqueue.defaultProvider in the Settings editor, as a person would. (Writing settings.json from outside
 * was not picked up by code-server within a minute, so the extension kept offering fal's models.)
 */
async function chooseDefaultProvider(session: Session, provider: 'fal' | 'replicate'): Promise<void> {
  const { wb } = session;
  await wb.runCommand('Preferences: Open User Settings');
  const editor = wb.page.locator('.settings-editor');
  await editor.waitFor({ state: 'visible' });
  // The search box has focus when the editor opens.
  await wb.page.keyboard.type('genqueue.defaultProvider');
  const select = editor
    .locator('.setting-item-contents', { hasText: /Default Provider/i })
    .first()
    .locator('select');
  await select.waitFor({ state: 'visible' });
  await select.selectOption(provider);
  await waitUntil('the setting to be saved', () =>
    readFileSync(join(session.server.userDataDir, 'User', 'settings.json'), 'utf8').includes(
      `"genqueue.defaultProvider": "${provider}"`,
    ),
  );
  await wb.runCommand('View: Close All Editors');
}

/**
 * "Generate Image…" with the FLUX schnell model of `modelId`'s provider. The model pick lists the current
 * default provider's models; a settings change may reach the extension host a moment later, so until the pick
 * shows `modelId` it is closed and opened again.
 */
async function generateWith(session: Session, modelId: string, prompt: string): Promise<void> {
  const { wb } = session;
  const rows = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  const row = rows.filter({ hasText: modelId }).filter({ hasText: MODEL_LABEL }).first();
  let lastRows: string[] = [];
  await waitUntil(`the model pick to offer ${modelId}`, async () => {
    await wb.runCommand('GenQueue: Generate Image…');
    const shown = await row.waitFor({ state: 'visible', timeout: 5000 }).then(
      () => true,
      () => false,
    );
    if (!shown) {
      lastRows = await rows.allInnerTexts().catch(() => []);
      await wb.page.keyboard.press('Escape');
    }
    return shown;
  }).catch((err: Error) => {
    throw new Error(`${err.message}; the pick showed: ${JSON.stringify(lastRows)}`);
  });
  await row.click();
  await wb.submitInputBox(prompt);
}

describe('flow: API keys set from the palette are used and never leak', {
  timeout: 300_000,
  skip: emulatorAvailable() ? false : 'test/emulator/runEmulator.ts is missing',
}, () => {
  let emulator: ProviderEmulator | undefined;
  let session: Session | undefined;

  before(async () => {
    // Only these exact keys open the emulator's doors; any other key (or none) gets a 401.
    emulator = await startEmulator({ falKey: FAL_KEY, replicateToken: REPLICATE_TOKEN });
    emulator.script({ model: FAL_MODEL, script: { queueMs: 300, runMs: 1000, output: 'images' } });
    emulator.script({ model: REPLICATE_MODEL, script: { queueMs: 300, runMs: 1000 } });
    // No FAL_KEY / REPLICATE_API_TOKEN: codeServer.ts strips them from the inherited environment.
    session = await startSession({
      settings: {
        'genqueue.defaultProvider': 'fal',
        'genqueue.baseUrl.fal': emulator.falBaseUrl,
        'genqueue.baseUrl.replicate': emulator.replicateBaseUrl,
      },
    });
  });

  after(async () => {
    try {
      await session?.stop();
    } finally {
      await emulator?.close();
    }
  });

  it('keys typed into the password box authorize both providers and appear nowhere else', async (t) => {
    const s = session as Session;
    const emu = emulator as ProviderEmulator;
    const { wb } = s;
    try {
      const panel = await openGenerationsPanel(wb);
      await panel.root.getByText('No generations yet').waitFor();

      await setKeyFromPalette(s, 'fal.ai', FAL_KEY);
      await setKeyFromPalette(s, 'Replicate', REPLICATE_TOKEN);

      await generateWith(s, FAL_MODEL, PROMPT_FAL);
      await panel.resultCard(PROMPT_FAL.slice(0, 30)).waitFor({ state: 'visible', timeout: 90_000 });

      await chooseDefaultProvider(s, 'replicate');
      await generateWith(s, REPLICATE_MODEL, PROMPT_REPLICATE);
      await panel.resultCard(PROMPT_REPLICATE.slice(0, 30)).waitFor({ state: 'visible', timeout: 90_000 });

      // Each provider created exactly one job: the submit got past the emulator's key check.
      const counts = emu.counts();
      t.diagnostic(`emulator counts: ${JSON.stringify(counts)}`);
      assert.equal(counts.submits.fal, 1, 'fal accepted the typed key and created the job');
      assert.equal(counts.submits.replicate, 1, 'Replicate accepted the typed token and created the job');
      assert.deepEqual(
        emu.jobs().map((j) => [j.provider, j.model, j.phase]),
        [
          ['fal', FAL_MODEL, 'succeeded'],
          ['replicate', REPLICATE_MODEL, 'succeeded'],
        ],
      );

      const assets = await waitUntil(`both takes and their sidecars in ${ASSETS_FOLDER}`, () => {
        const a = generatedAssets(s);
        return a.media.length === 2 && a.sidecars.length === 2 ? a : undefined;
      });
      const sidecars = assets.sidecars.map((f) => JSON.parse(s.readWorkspaceFile(`${ASSETS_FOLDER}/${f}`)));
      assert.deepEqual(sidecars.map((c) => c.provider).sort(), ['fal', 'replicate']);

      await wb.runCommand('Notifications: Clear All Notifications');
      await wb.screenshot('flow-api-keys');

      // The panel: no key in its text, attributes or inputs.
      const shown = await panelText(panel);
      assert.ok(shown.includes(PROMPT_FAL.slice(0, 30)), 'the panel text was read (it shows the fal prompt)');
      for (const key of KEYS) assert.ok(!shown.includes(key), 'no key in the Generations panel');

      // The GenQueue log exists and mentions the keys only by provider.
      const logs = genQueueLogs(s)
        .map((l) => l.text)
        .join('\n');
      assert.match(logs, /API key for fal set/, 'the GenQueue log was read');
      for (const key of KEYS) assert.ok(!logs.includes(key), 'no key in the GenQueue log');

      // Disk: settings.json, globalStorage (state.vscdb, genqueue.genqueue/*.json), every log, and the workspace
      // (sidecars included). Raw bytes, so an encrypted secret would not match but a plaintext copy would.
      const userHits = filesWithKeys(s.server.userDataDir);
      t.diagnostic(`user-data-dir files holding a key: ${JSON.stringify(userHits.map((h) => h.file))}`);
      assert.deepEqual(
        userHits.map((h) => h.file),
        [],
        'no key in settings, globalStorage or logs',
      );
      assert.deepEqual(
        filesWithKeys(s.server.workspaceDir).map((h) => h.file),
        [],
        'no key in the workspace (sidecars, takes, storyboard)',
      );
      for (const key of KEYS) assert.ok(!s.server.output().includes(key), "no key in code-server's output");

      // Browser storage: code-server keeps the workbench's storage, the extension's globalState included, in the
      // page's IndexedDB (there is no state.vscdb or globalStorage folder in <user-data-dir>), and SecretStorage
      // in localStorage "secrets.provider", AES-encrypted with a key split between the browser and the server's
      // <user-data-dir>/serve-web-key-half. So a plaintext key anywhere in browser storage would be a leak.
      const rows = await browserStorage(s);
      const withKey = rows.filter((r) => KEYS.some((k) => r.value.includes(k) || r.key.includes(k)));
      t.diagnostic(
        `browser storage: ${rows.length} entries; with a key: ${JSON.stringify(withKey.map((r) => [r.where, r.key]))}`,
      );
      assert.ok(
        rows.some((r) => r.where.startsWith('indexedDB') && r.value.includes(PROMPT_REPLICATE)),
        "GenQueue's globalState (its jobs) is among what was searched",
      );
      const secrets = rows.find((r) => r.where === 'localStorage' && r.key === 'secrets.provider');
      assert.ok(secrets && secrets.value.length > 0, 'the secrets are in browser storage, encrypted');
      assert.deepEqual(withKey, [], 'no plaintext key in browser storage');
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await s.diagnose('flow-api-keys')}`);
    }
  });
});
