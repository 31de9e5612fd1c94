// The fake generations host that runs inside the test page (bundled by harness.ts): it keeps every
// job and history row a test states, sends snapshots with the first history page and answers the
// webview's `loadHistory` from the same HistoryIndex the real host pages with.
import {
  DEFAULT_HISTORY_QUERY,
  HISTORY_PAGE_ROWS,
  type HistoryQuery,
  type HostToWebview,
  type JobsPatch,
  type WebviewToHost,
} from '../../src/extension/panel/generationsProtocol';
import { HistoryIndex } from '../../src/extension/panel/historyIndex';
import type { PanelState } from '../fakes/jobViews';

export interface FakeHost {
  posted: WebviewToHost[];
  stateWrites: number;
  /** Answer `loadHistory` (in a microtask, as a real host answers later); off to answer by hand. */
  autoAnswer: boolean;
  /** Every message sent to the webview, with its JSON size in bytes. */
  sent: { type: string; bytes: number }[];
  send(state: PanelState): void;
  /** The snapshot message `send` would dispatch (benchmarks time the dispatch alone). */
  snapshotOf(state: PanelState): HostToWebview;
  dispatch(message: HostToWebview): void;
  patch(patch: JobsPatch): void;
  /** The history page the real host would send for `loadHistory` now. */
  answer(request: Extract<WebviewToHost, { type: 'loadHistory' }>): void;
  receive(message: unknown): void;
}

let index = new HistoryIndex();
let query: HistoryQuery = DEFAULT_HISTORY_QUERY;
let now = 0;

function dispatch(message: HostToWebview): void {
  host.sent.push({ type: message.type, bytes: new TextEncoder().encode(JSON.stringify(message)).byteLength });
  window.dispatchEvent(new MessageEvent('message', { data: message }));
}

const host: FakeHost = {
  posted: [],
  stateWrites: 0,
  autoAnswer: true,
  sent: [],
  send(state) {
    dispatch(host.snapshotOf(state));
  },
  snapshotOf(state) {
    index = new HistoryIndex();
    index.upsert(state.history);
    now = state.now;
    const history = index.page(query, 0, HISTORY_PAGE_ROWS, now);
    return { type: 'snapshot', snapshot: { now, jobs: state.jobs, history, keys: state.keys } };
  },
  dispatch,
  patch(patch) {
    now = patch.now;
    dispatch({ type: 'jobs', patch });
  },
  answer(request) {
    query = request.query;
    dispatch({ type: 'history', page: index.page(request.query, request.offset, request.limit, now) });
  },
  receive(message) {
    const m = JSON.parse(JSON.stringify(message)) as WebviewToHost;
    host.posted.push(m);
    if (m.type === 'loadHistory') {
      query = m.query;
      if (host.autoAnswer) queueMicrotask(() => host.answer(m));
    }
  },
};

declare global {
  interface Window {
    __fakeHost: FakeHost;
  }
}

window.__fakeHost = host;
