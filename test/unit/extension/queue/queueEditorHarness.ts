// A Production Queue editor opened on a fake document with a fake runner: the provider from
// source, against the fake `vscode` module, as VS Code would resolve it for a `*.shots.yaml` file.
import type { QueueEditorProvider as Provider } from '../../../../src/extension/queue/queueEditorProvider';
import type { QueueHostMessage, QueueSnapshot } from '../../../../src/extension/queue/queueProtocol';
import type { FakeTextDocument } from '../../../fakes/fakeDocuments';
import { FakeShotRunner } from '../../../fakes/fakeShotRunner';
import { installFakeVscode } from '../../../fakes/fakeVscodeModule';
import { fakeWebviewPanel } from '../../../fakes/fakeWebviewPanel';
import { FakeUri } from '../../../fakes/vscodeFakes';

export const fake = installFakeVscode();
const { QueueEditorProvider } = fake.load('src/extension/queue/queueEditorProvider') as {
  QueueEditorProvider: typeof Provider;
};

export const LIST = `# The demo storyboard's shots
defaults:
  image:
    provider: local
    model: local/image
shots:
  - id: s01
    scene: harbour
    modality: image
    prompt: a harbour at dawn # the opening shot
  - id: s02
    scene: harbour
    modality: image
    prompt: gulls over the pier
  - id: s03
    scene: storm
    modality: speech
    provider: local
    model: local/speech
    prompt: The storm is coming.
`;

export function openQueue(text = LIST, opts: { runner?: FakeShotRunner | null } = {}) {
  fake.state.workspaceFolder = FakeUri.file('/ws');
  const runner = opts.runner === null ? undefined : (opts.runner ?? new FakeShotRunner());
  const logs: string[] = [];
  const keys = { fal: false, replicate: false, local: true };
  const provider = new QueueEditorProvider({
    extensionUri: FakeUri.file('/ext') as never,
    log: {
      info: (m) => logs.push(`info ${m}`),
      warn: (m) => logs.push(`warn ${m}`),
      error: (m) => logs.push(`error ${m}`),
    },
    runner,
    keys: () => ({ ...keys }),
    secrets: () => [],
    // Like the settings fallback: fal's first model once fal has a key, else the offline one.
    fallback: () => (modality) =>
      keys.fal && modality === 'image'
        ? { provider: 'fal', model: 'fal-ai/flux/schnell' }
        : { provider: 'local', model: `local/${modality}` },
    defaultBudget: () => undefined,
    estimateMs: () => undefined,
  });
  const document: FakeTextDocument = fake.state.documents.add(FakeUri.file('/ws/demo.shots.yaml'), text);
  const view = fakeWebviewPanel();
  provider.resolveCustomTextEditor(document as never, view.panel as never);
  return {
    provider,
    document,
    view,
    runner,
    logs,
    keys,
    snapshots: () => view.ofType<{ snapshot: QueueSnapshot }>('snapshot').map((m) => m.snapshot),
    latest: () => view.ofType<{ snapshot: QueueSnapshot }>('snapshot').at(-1)?.snapshot,
    messages: () => view.posted as unknown as QueueHostMessage[],
  };
}

export async function waitFor(what: string, cond: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Let queued promise callbacks (an async message handler) run. */
export function settle(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}
