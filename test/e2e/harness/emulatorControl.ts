// Typed calls to the emulator's control API (/__emulator) for flows that inject faults and read what arrived.
// The shapes are the emulator's own (test/emulator/emulatorTypes.ts); this file only names the calls.
import type {
  EmulatedProvider,
  EmulatorCounts,
  Fault,
  FaultRoute,
  RequestRecord,
  ScriptCommand,
} from '../../emulator/emulatorTypes';
import type { EmulatorProcess } from './emulator';

export interface EmulatedJobRow {
  provider: EmulatedProvider;
  id: string;
  model: string;
  input: Record<string, unknown>;
  phase: string;
}

export async function injectFault(emulator: EmulatorProcess, fault: Fault): Promise<void> {
  await emulator.control('POST', '/fault', fault);
}

export async function scriptJobs(emulator: EmulatorProcess, cmd: ScriptCommand): Promise<void> {
  await emulator.control('POST', '/script', cmd);
}

export async function emulatorCounts(emulator: EmulatorProcess): Promise<EmulatorCounts> {
  return (await emulator.control('GET', '/counts')) as EmulatorCounts;
}

export async function emulatorJobs(emulator: EmulatorProcess): Promise<EmulatedJobRow[]> {
  return (await emulator.control('GET', '/jobs')) as EmulatedJobRow[];
}

/** Every provider request the emulator saw (the control API's own calls are not logged), oldest first. */
export async function requestLog(emulator: EmulatorProcess): Promise<RequestRecord[]> {
  return (await emulator.control('GET', '/requests')) as RequestRecord[];
}

/** Requests of one provider and route, optionally only those whose path mentions `jobId`. */
export async function requestsFor(
  emulator: EmulatorProcess,
  provider: EmulatedProvider,
  route: FaultRoute,
  jobId?: string,
): Promise<RequestRecord[]> {
  return (await requestLog(emulator)).filter(
    (r) => r.provider === provider && r.route === route && (jobId === undefined || r.path.includes(jobId)),
  );
}
