// The generations panel's bridge to VS Code: its protocol's types and the check of each host message.
import type {
  HistoryPage,
  HostToWebview,
  JobsPatch,
  Snapshot,
  WebviewToHost,
} from '../../src/extension/panel/generationsProtocol';
import { type Bridge, createBridge } from './vscodeBridge';

export type HostBridge = Bridge<WebviewToHost, HostToWebview>;

let bridge: HostBridge | undefined;

export function hostBridge(): HostBridge {
  bridge ??= createBridge<WebviewToHost, HostToWebview>(isHostMessage);
  return bridge;
}

function isHostMessage(m: Partial<Record<string, unknown>>): m is HostToWebview {
  switch (m.type) {
    case 'snapshot':
      return isSnapshot(m.snapshot);
    case 'jobs':
      return isPatch(m.patch);
    case 'history':
      return isPage(m.page);
    default:
      return false;
  }
}

function isObject(o: unknown): o is Record<string, unknown> {
  return typeof o === 'object' && o !== null && !Array.isArray(o);
}

function isSnapshot(s: unknown): s is Snapshot {
  return isObject(s) && typeof s.now === 'number' && Array.isArray(s.jobs) && isPage(s.history) && isObject(s.keys);
}

function isPatch(p: unknown): p is JobsPatch {
  return isObject(p) && typeof p.now === 'number' && Array.isArray(p.changed) && Array.isArray(p.removed);
}

function isPage(p: unknown): p is HistoryPage {
  return (
    isObject(p) &&
    isObject(p.query) &&
    typeof p.offset === 'number' &&
    Array.isArray(p.rows) &&
    typeof p.matches === 'number' &&
    typeof p.total === 'number'
  );
}
