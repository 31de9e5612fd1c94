// The takes pane of one shot: its take files, newest first, each marked chosen and/or stale
// against the shot's current inputs.
import type { ResolvedShot } from '../../core/shots/shotTypes';
import type { ShotTakeFile } from '../shots/shotRunnerPort';
import type { TakeView } from './queueProtocol';
import { modalityOfFile } from './shotRows';

export function takeViews(
  files: readonly ShotTakeFile[],
  resolved: ResolvedShot | undefined,
  previewUri: (fileUri: string) => string,
): TakeView[] {
  return [...files]
    .sort((a, b) => b.take - a.take)
    .map((f) => {
      const view: TakeView = {
        take: f.take,
        path: f.path,
        previewUri: previewUri(f.uri),
        modality: resolved?.modality ?? modalityOfFile(f.path),
        // A take of a removed shot (orphan) has no current inputs to match.
        stale: resolved !== undefined && f.fingerprint !== resolved.fingerprint,
        chosen: resolved?.shot.take === f.take,
      };
      if (f.costLabel !== undefined) view.costLabel = f.costLabel;
      if (f.generationMs !== undefined) view.generationMs = f.generationMs;
      if (f.createdAt !== undefined) view.createdAt = f.createdAt;
      if (f.jobId !== undefined) view.jobId = f.jobId;
      return view;
    });
}
