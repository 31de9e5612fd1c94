// Recent results: cards with previews and actions.
import { css } from 'lit';

export const recentStyles = css`
  /* Recent result cards */
  .cards {
    display: grid;
    /* 220px minimum: six cards fall into 3+3 in a typical panel and one row of six when it is wide. */
    grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
    gap: 10px;
  }
  .card {
    display: flex;
    flex-direction: column;
    border: 1px solid var(--gq-border);
    border-radius: 6px;
    overflow: hidden;
    background: var(--gq-card);
    cursor: grab;
  }
  .card:hover {
    border-color: var(--vscode-list-hoverForeground, var(--gq-muted));
  }
  .preview {
    aspect-ratio: 16 / 10;
    display: flex;
    align-items: center;
    justify-content: center;
    background: var(--vscode-editor-background, #1e1e1e);
    overflow: hidden;
  }
  .preview img,
  .preview video {
    width: 100%;
    height: 100%;
    object-fit: contain;
    display: block;
  }
  .preview--audio {
    flex-direction: column;
    gap: 8px;
    padding: 8px;
  }
  .preview--audio audio {
    width: 100%;
    height: 32px;
  }
  .preview--video {
    position: relative;
  }
  .play-btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 36px;
    height: 36px;
    padding: 0;
    border: 1px solid var(--gq-contrast);
    border-radius: 50%;
    background: var(--vscode-button-background, #0078d4);
    color: var(--vscode-button-foreground, #ffffff);
    cursor: pointer;
  }
  .play-btn:hover {
    background: var(--vscode-button-hoverBackground, #026ec1);
  }
  .preview--video .play-btn {
    position: absolute;
  }
  .play-btn[hidden] {
    display: none;
  }
  .preview .codicon.big {
    font-size: 28px;
    color: var(--gq-muted);
  }
  .card-body {
    padding: 6px 8px 2px;
    min-width: 0;
  }
  .card-title {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .card-meta {
    font-size: 11px;
    color: var(--gq-muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .card-actions {
    display: flex;
    align-items: center;
    gap: 2px;
    padding: 4px 6px 6px 8px;
  }
  .card-actions .text-btn {
    margin-right: auto;
  }
`;
