// Where a take's file is, as a vscode.Uri: takes store a workspace-relative path (first workspace
// folder) or an absolute path (global storage when no folder is open).
import * as vscode from 'vscode';
import type { Job } from '../../core/jobTypes';
import { folderSettingProblem } from './assetsFolderChoice';
import type { AssetRoot } from './assetWriter';

export function assetRoot(globalStorageUri: vscode.Uri, setting: string): AssetRoot {
  // A job normally carries its checked folder (generateFlow reports a bad setting); never the bad one.
  const folderSetting = folderSettingProblem(setting) ? undefined : setting;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder) {
    return { baseUri: folder.uri.toString(), inWorkspace: true, baseFsPath: folder.uri.path, folderSetting };
  }
  return {
    baseUri: globalStorageUri.toString(),
    inWorkspace: false,
    baseFsPath: globalStorageUri.path,
    folderSetting,
  };
}

export function localPathToUri(localPath: string, globalStorageUri: vscode.Uri): vscode.Uri | undefined {
  if (localPath.startsWith(globalStorageUri.path)) return globalStorageUri.with({ path: localPath });
  if (localPath.startsWith('/') || /^[a-z]:[\\/]/i.test(localPath)) return vscode.Uri.file(localPath);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, ...localPath.split('/')) : undefined;
}

export function takeUri(job: Job, takeIndex: number, globalStorageUri: vscode.Uri): vscode.Uri | undefined {
  const take = job.takes.find((t) => t.index === takeIndex) ?? job.takes[takeIndex];
  return take?.localPath ? localPathToUri(take.localPath, globalStorageUri) : undefined;
}
