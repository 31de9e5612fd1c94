// Cancel and "Check again" for a job another window drives: forwarded as a request file, and the
// requests other windows left for the jobs this window drives, carried out here.

import type { Clock } from '../../core/clock';
import type { HostEngine } from '../host/genQueueService';
import type { FileLeases } from './fileLeases';
import { type ForwardedAction, JobRequestFiles } from './jobRequestFiles';

export interface CrossWindowActionsOptions {
  /** The requests folder in the extension's globalStorage. */
  dir: string;
  windowId: string;
  clock: Clock;
  leases: FileLeases;
  engine: HostEngine;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export class CrossWindowActions {
  private readonly requests: JobRequestFiles;

  constructor(private readonly opts: CrossWindowActionsOptions) {
    this.requests = new JobRequestFiles(opts.dir);
  }

  /** Run `here` when this window drives the job (or nobody does), else forward `action` to its owner. */
  async hereOrForward(id: string, action: ForwardedAction, here: () => Promise<void>) {
    const owner = this.opts.leases.ownerOf(id);
    if (owner && owner !== this.opts.windowId) {
      this.requests.add(id, action, this.opts.clock.now());
      this.opts.log('info', `${action} of job ${id} forwarded to window ${owner}.`);
      return 'forwarded' as const;
    }
    await here();
    return 'here' as const;
  }

  /** Carry out what other windows asked for the jobs this window drives. */
  takeJobRequests(): void {
    const { engine, leases } = this.opts;
    const mine = (id: string) => leases.holds(id) && !!engine.get(id);
    let requests: ReturnType<JobRequestFiles['take']>;
    try {
      requests = this.requests.take(mine, this.opts.clock.now());
    } catch (err) {
      this.opts.log('warn', `Could not read the requests of other windows: ${String(err)}`);
      return;
    }
    for (const { jobId, action } of requests) {
      this.opts.log('info', `${action} of job ${jobId}, as asked from another window.`);
      if (action === 'checkAgain') engine.checkAgain(jobId);
      else engine.cancel(jobId).catch((err) => this.opts.log('error', `Cancel of job ${jobId} failed: ${String(err)}`));
    }
  }
}
