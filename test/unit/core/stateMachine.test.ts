import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JOB_STATES, type JobState, TERMINAL_STATES } from '../../../src/core/jobTypes';
import { assertTransition, canTransition, LEGAL_TRANSITIONS } from '../../../src/core/stateMachine';

// The agreed table, written out independently of the implementation so a change to either fails.
const EXPECTED: Record<JobState, JobState[]> = {
  waiting: ['submitting', 'canceled', 'failed'],
  submitting: ['queued', 'running', 'downloading', 'failed', 'unknown', 'waiting'],
  queued: ['running', 'downloading', 'failed', 'cancelling', 'canceled', 'waiting'],
  running: ['downloading', 'failed', 'cancelling', 'canceled', 'waiting'],
  downloading: ['importing', 'failed', 'canceled'],
  importing: ['succeeded', 'failed'],
  cancelling: ['canceled', 'failed', 'downloading'],
  unknown: ['queued', 'running', 'submitting', 'failed', 'canceled'],
  succeeded: [],
  failed: [],
  canceled: [],
};

describe('job state machine', () => {
  it('allows exactly the agreed transitions, and assertTransition throws for every other pair', () => {
    assert.deepEqual(Object.keys(LEGAL_TRANSITIONS).sort(), [...JOB_STATES].sort());
    for (const from of JOB_STATES) {
      assert.deepEqual([...LEGAL_TRANSITIONS[from]].sort(), [...EXPECTED[from]].sort(), `from ${from}`);
      for (const to of JOB_STATES) {
        if (canTransition(from, to)) assert.doesNotThrow(() => assertTransition(from, to));
        else assert.throws(() => assertTransition(from, to), { message: `Illegal job transition: ${from} → ${to}` });
      }
    }
  });

  it('has no way out of a terminal state', () => {
    for (const s of TERMINAL_STATES) assert.deepEqual(LEGAL_TRANSITIONS[s], []);
  });

  it('can reach a terminal state from every non-terminal state', () => {
    for (const from of JOB_STATES) {
      const seen = new Set<JobState>([from]);
      const todo = [from];
      while (todo.length)
        for (const n of LEGAL_TRANSITIONS[todo.pop() as JobState]) if (!seen.has(n)) seen.add(n) && todo.push(n);
      assert.ok(
        [...seen].some((s) => TERMINAL_STATES.has(s)),
        from,
      );
    }
  });
});
