// The text inserted for a result, shaped by the document's language (Markdown image, HTML tag,
// Remotion component, CSS url(), or a plain path). Users override any shape with the
// `genqueue.insertTemplates` setting. Paths are POSIX (VS Code URI paths), so this is pure.
import { posix } from 'node:path';
import type { Modality } from '../../core/jobTypes';

export type MediaKind = 'image' | 'video' | 'audio';

/** `{ "<languageId>": { "image": "…${path}…", "video": …, "audio": …, "speech": …, "default": … } }` */
export type InsertTemplateSetting = Record<string, Partial<Record<Modality | 'default', string>>>;

export interface InsertRequest {
  languageId: string;
  modality: Modality;
  /** URI path of the asset file (POSIX, absolute). */
  assetPath: string;
  /** URI path of the document; undefined for an untitled document. */
  documentPath?: string;
  /** URI path of the workspace folder that holds the asset, if any. */
  workspaceRoot?: string;
  prompt?: string;
  templates?: InsertTemplateSetting;
  /**
   * The document belongs to a Remotion project (imports 'remotion', or package.json depends on it).
   * JSX/TSX get Remotion components only then; elsewhere a component would not compile.
   */
  remotion?: boolean;
  /** The document's string quote, for the JS inside Remotion JSX (default: double). */
  quote?: "'" | '"';
  /** The document's indentation step, for multi-line JSX (default: two spaces). */
  indentUnit?: string;
  /** A video or audio take's length in the composition's frames, when both are known. */
  durationInFrames?: number;
}

export function kindOf(modality: Modality): MediaKind {
  return modality === 'speech' ? 'audio' : modality;
}

function isInside(child: string, parent: string): boolean {
  const rel = posix.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !posix.isAbsolute(rel);
}

/** Path relative to the document's folder; workspace-relative (or absolute) when no document. */
export function documentRelativePath(req: InsertRequest): string {
  if (req.documentPath) {
    return posix.relative(posix.dirname(req.documentPath), req.assetPath);
  }
  return workspaceRelativePath(req);
}

export function workspaceRelativePath(req: InsertRequest): string {
  if (req.workspaceRoot && isInside(req.assetPath, req.workspaceRoot)) {
    return posix.relative(req.workspaceRoot, req.assetPath);
  }
  return req.assetPath;
}

/** Remotion's staticFile() path: relative to the nearest `public/` folder above the asset. */
export function publicRelativePath(req: InsertRequest): string {
  const parts = req.assetPath.split('/');
  const idx = parts.lastIndexOf('public');
  if (idx >= 0 && idx < parts.length - 1) {
    const publicDir = parts.slice(0, idx + 1).join('/');
    if (!req.workspaceRoot || isInside(publicDir, req.workspaceRoot) || publicDir === req.workspaceRoot) {
      return parts.slice(idx + 1).join('/');
    }
  }
  return workspaceRelativePath(req);
}

/** Markdown link destinations: spaces and parentheses break them. */
function markdownUrl(path: string): string {
  return path.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function markdownText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/([[\]\\])/g, '\\$1')
    .trim()
    .slice(0, 120);
}

function htmlAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function jsString(text: string, quote: "'" | '"' = '"'): string {
  if (quote === '"') return JSON.stringify(text);
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Remotion JSX. A video or audio comes wrapped in a <Sequence> so it sits on the timeline where the
 * user can move it (`from`) and trim it (`durationInFrames`, omitted when the length is unknown:
 * the Sequence then lasts to the end of the composition). Video uses <OffthreadVideo>, which
 * Remotion recommends for rendering (frame-exact extraction with FFmpeg).
 */
function remotionReference(req: InsertRequest): string {
  const src = `{staticFile(${jsString(publicRelativePath(req), req.quote)})}`;
  const kind = kindOf(req.modality);
  if (kind === 'image') return `<Img src=${src} />`;
  const tag = kind === 'video' ? 'OffthreadVideo' : 'Audio';
  const frames = req.durationInFrames;
  const duration = frames && Number.isFinite(frames) && frames > 0 ? ` durationInFrames={${Math.round(frames)}}` : '';
  return `<Sequence from={0}${duration}>\n${req.indentUnit ?? '  '}<${tag} src=${src} />\n</Sequence>`;
}

const MARKDOWN_IDS = new Set(['markdown', 'mdx']);
const HTML_IDS = new Set(['html', 'vue', 'svelte', 'astro', 'php']);
const JSX_IDS = new Set(['javascriptreact', 'typescriptreact']);
const CSS_IDS = new Set(['css', 'scss', 'less', 'sass', 'stylus']);

function defaultReference(req: InsertRequest, name: string): string {
  const kind = kindOf(req.modality);
  const prompt = req.prompt ?? '';
  if (MARKDOWN_IDS.has(req.languageId)) {
    const url = markdownUrl(documentRelativePath(req));
    return kind === 'image' ? `![${markdownText(prompt)}](${url})` : `[${markdownText(prompt) || name}](${url})`;
  }
  if (HTML_IDS.has(req.languageId)) {
    const src = htmlAttr(documentRelativePath(req));
    if (kind === 'image') return `<img src="${src}" alt="${htmlAttr(prompt.replace(/\s+/g, ' ').trim())}">`;
    if (kind === 'video') return `<video src="${src}" controls></video>`;
    return `<audio src="${src}" controls></audio>`;
  }
  if (JSX_IDS.has(req.languageId) && req.remotion) return remotionReference(req);
  if (CSS_IDS.has(req.languageId)) return `url(${jsString(documentRelativePath(req))})`;
  return documentRelativePath(req);
}

/** Fill `${path}`, `${relPath}`, `${prompt}`, `${name}`, `${publicPath}`; unknown placeholders stay. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{(\w+)\}/g, (m, key: string) => (key in values ? (values[key] ?? '') : m));
}

/** The text to insert at the cursor for a result. */
export function renderReference(req: InsertRequest): string {
  const name = posix.basename(req.assetPath);
  const byLanguage = req.templates?.[req.languageId];
  const template = byLanguage?.[req.modality] ?? byLanguage?.[kindOf(req.modality)] ?? byLanguage?.default;
  if (typeof template === 'string' && template.length > 0) {
    return fillTemplate(template, {
      path: documentRelativePath(req),
      relPath: workspaceRelativePath(req),
      publicPath: publicRelativePath(req),
      prompt: (req.prompt ?? '').replace(/\s+/g, ' ').trim(),
      name,
    });
  }
  return defaultReference(req, name);
}
