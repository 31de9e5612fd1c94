// Take cards and the compare view.
import { css } from 'lit';

export const takesStyles = css`
  .takes {
    padding: 4px 12px 16px;
    border-top: 1px solid var(--gq-border);
  }
  .takes h3 {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 8px 0;
    font-size: 12px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .take-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
    gap: 10px;
  }
  .take {
    display: flex;
    flex-direction: column;
    gap: 4px;
    border: 1px solid var(--gq-border);
    border-radius: 6px;
    overflow: hidden;
    background: var(--gq-card);
    padding-bottom: 6px;
  }
  .take--chosen {
    border-color: var(--gq-green);
  }
  .take-preview {
    aspect-ratio: 16 / 10;
    display: flex;
    align-items: center;
    justify-content: center;
    background: var(--gq-bg);
    overflow: hidden;
  }
  .take-preview img,
  .take-preview video,
  .compare-pane img,
  .compare-pane video {
    width: 100%;
    height: 100%;
    object-fit: contain;
    display: block;
  }
  .audio-preview {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 8px;
    width: 100%;
    padding: 8px;
  }
  .audio-preview audio,
  .ab audio {
    width: 100%;
    height: 32px;
  }
  .codicon.big {
    font-size: 28px;
    color: var(--gq-muted);
  }
  .take-meta,
  .take-facts,
  .take-actions {
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 0 8px;
    flex-wrap: wrap;
  }
  .take-name {
    font-weight: 600;
  }
  .take-facts {
    font-size: 12px;
  }
  .take-facts .codicon {
    font-size: 12px;
  }
  .badge--stale {
    --vscode-badge-background: var(--vscode-editorWarning-foreground, #cca700);
    --vscode-badge-foreground: var(--vscode-editor-background, #1f1f1f);
  }
  .hint {
    margin-bottom: 6px;
  }
  .compare {
    border: 1px solid var(--vscode-focusBorder, var(--gq-border));
    border-radius: 6px;
    padding: 6px 8px 8px;
    margin-bottom: 10px;
    background: var(--gq-card);
  }
  .compare-head {
    display: flex;
    align-items: center;
    gap: 6px;
    font-weight: 600;
    margin-bottom: 6px;
  }
  .compare-panes {
    display: grid;
    align-items: start;
    grid-template-columns: 1fr 1fr;
    gap: 8px;
  }
  .compare-pane {
    margin: 0;
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .compare-pane img,
  .compare-pane video {
    height: auto;
    aspect-ratio: 16 / 10;
    background: var(--gq-bg);
  }
  .compare-pane figcaption {
    font-size: 12px;
    color: var(--gq-muted);
  }
  .ab {
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
`;
