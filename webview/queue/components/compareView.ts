// Two takes side by side: images next to each other; two videos that play, pause and seek together;
// audio A/B: one player, a toggle that switches which take plays at the same time position.
import { html, type TemplateResult } from 'lit';
import type { TakeView } from '../../../src/extension/queue/queueProtocol';
import { icon } from '../../shared/icons';
import { TID } from '../testids';
import { preview } from './parts';

export interface CompareContext {
  a: TakeView;
  b: TakeView;
  /** Which audio side plays. */
  abSide: 'a' | 'b';
  setAbSide(side: 'a' | 'b'): void;
  close(): void;
}

// Set while one video drives the other, so the driven one's own events do not echo back.
const driven = new WeakSet<HTMLMediaElement>();

function peerOf(e: Event): { self: HTMLMediaElement; peer: HTMLMediaElement | undefined } {
  const self = e.target as HTMLMediaElement;
  const all = [...(self.closest('.compare')?.querySelectorAll('video') ?? [])];
  return { self, peer: all.find((v) => v !== self) };
}

function drive(e: Event, act: (self: HTMLMediaElement, peer: HTMLMediaElement) => void): void {
  const { self, peer } = peerOf(e);
  if (!peer) return;
  if (driven.has(self)) {
    driven.delete(self);
    return;
  }
  driven.add(peer);
  act(self, peer);
}

const onPlay = (e: Event) =>
  drive(e, (self, peer) => {
    if (Math.abs(peer.currentTime - self.currentTime) > 0.05) peer.currentTime = self.currentTime;
    if (peer.paused) void peer.play().catch(() => driven.delete(peer));
    else driven.delete(peer);
  });
const onPause = (e: Event) =>
  drive(e, (_self, peer) => {
    if (!peer.paused) peer.pause();
    else driven.delete(peer);
  });
const onSeeked = (e: Event) =>
  drive(e, (self, peer) => {
    if (Math.abs(peer.currentTime - self.currentTime) > 0.05) peer.currentTime = self.currentTime;
    else driven.delete(peer);
  });

function switchAudio(ctx: CompareContext, root: Element | null): void {
  const to = ctx.abSide === 'a' ? 'b' : 'a';
  const from = root?.querySelector<HTMLAudioElement>(`audio[data-side="${ctx.abSide}"]`);
  const next = root?.querySelector<HTMLAudioElement>(`audio[data-side="${to}"]`);
  if (from && next) {
    next.currentTime = from.currentTime;
    if (!from.paused) {
      from.pause();
      void next.play().catch(() => undefined);
    }
  }
  ctx.setAbSide(to);
}

export function renderCompare(ctx: CompareContext): TemplateResult {
  const { a, b } = ctx;
  const kind = a.modality === b.modality ? a.modality : 'mixed';
  const close = html`<button class="icon-btn" type="button" data-testid=${TID.compareClose} title="Close the comparison"
    aria-label="Close the comparison" @click=${ctx.close}>${icon('close')}</button>`;
  if (kind === 'audio' || kind === 'speech') {
    return html`<div class="compare compare--audio" data-testid=${TID.compare} data-kind="audio">
      <div class="compare-head"><span>Take ${a.take} vs take ${b.take}</span><span class="spacer"></span>${close}</div>
      <div class="ab">
        <vscode-button data-testid=${TID.compareAb} data-side=${ctx.abSide}
          title="Switch to the other take at the same time position"
          @click=${(e: Event) => switchAudio(ctx, (e.target as Element).closest('.compare'))}
          >${ctx.abSide === 'a' ? `A: take ${a.take}` : `B: take ${b.take}`} — switch to ${ctx.abSide === 'a' ? 'B' : 'A'}</vscode-button>
        <audio data-side="a" src=${a.previewUri} controls preload="auto" ?hidden=${ctx.abSide !== 'a'} aria-label="Take ${a.take}"></audio>
        <audio data-side="b" src=${b.previewUri} controls preload="auto" ?hidden=${ctx.abSide !== 'b'} aria-label="Take ${b.take}"></audio>
      </div>
    </div>`;
  }
  const pane = (t: TakeView, side: string) =>
    html`<figure class="compare-pane" data-side=${side}>
      ${
        t.modality === 'video'
          ? html`<video src=${t.previewUri} controls preload="auto" aria-label="Take ${t.take}"
              @play=${onPlay} @pause=${onPause} @seeked=${onSeeked}></video>`
          : preview(t, `Take ${t.take}`)
      }
      <figcaption>Take ${t.take}${t.chosen ? ' · chosen' : ''}${t.costLabel ? ` · ${t.costLabel}` : ''}</figcaption>
    </figure>`;
  return html`<div class="compare" data-testid=${TID.compare} data-kind=${kind}>
    <div class="compare-head"><span>Take ${a.take} vs take ${b.take}${kind === 'video' ? ' (playing in sync)' : ''}</span>
      <span class="spacer"></span>${close}</div>
    <div class="compare-panes">${pane(a, 'a')}${pane(b, 'b')}</div>
  </div>`;
}
