// References: files a job reads (a portrait, a voice line, a still to animate). A job records each
// reference by workspace path and content hash, never by the provider's temporary URL, so a re-run
// after the upload expired uploads it again. The URL a provider needs is made at submit time.

/** What kind of media a file field takes. */
export type MediaKind = 'image' | 'audio' | 'video' | 'any';

/** One reference a job reads, as the job (and the take's sidecar) records it. */
export interface JobReference {
  /** The model input key it fills ("image_url", "voice_setting.audio"; dotted names nest). */
  field: string;
  /** For a list field (`files`): the position in the list. */
  index?: number;
  /** A workspace-relative path (forward slashes) or, for an explicit pick outside the workspace, an absolute path. */
  path: string;
  /** Hex sha256 of the content when the job was made. */
  sha256: string;
  bytes: number;
  contentType: string;
  /** Set when the file is another shot's chosen take (`shot:<id>` in the shot list). */
  fromShot?: string;
  /** An audio file's length in seconds, when it was read: a talking head is priced by it. */
  audioSec?: number;
}

/** The length of the job's audio reference, when one was measured. */
export function referenceAudioSec(refs: readonly JobReference[] | undefined): number | undefined {
  return refs?.find((r) => r.audioSec !== undefined)?.audioSec;
}

/** The bytes of a reference, as a provider's upload takes them. */
export interface UploadFile {
  data: Uint8Array;
  contentType: string;
  /** A file name with the right extension (some models reject URLs without one). */
  name: string;
  /** Its absolute path on this machine, when it is a file here (the offline provider reads it in place). */
  path?: string;
}

/** Where the provider keeps an uploaded file, and until when. */
export interface UploadedFile {
  url: string;
  /** Epoch ms after which the URL may no longer work; undefined: no known expiry. */
  expiresAt?: number;
}
