// The name a person knows a model by: the catalog label ("Offline test image", "FLUX.1 [schnell]"),
// or the short id for a model the catalog does not list.
import type { ProviderId } from '../../core/jobTypes';
import { findModel } from '../../core/modelCatalog';
import { shortModel } from '../status/jobProgress';

export function modelLabel(job: { provider: ProviderId; model: string }): string {
  return findModel(job.provider, job.model)?.label ?? shortModel(job.model);
}
