// The prompt input box shared by Generate and Edit & Retry (see promptLines.ts for the rules).
import * as vscode from 'vscode';
import { checkPrompt, fromBoxValue, lineBreakOf, toBoxValue } from './promptLines';

export async function askPrompt(opts: {
  title: string;
  prompt: string;
  /** The starting text, line breaks and all. */
  value: string;
  limit: number | undefined;
  /** The model runs without one (a talking head's caption): an empty box is accepted. */
  optional?: boolean;
}): Promise<string | undefined> {
  const eol = lineBreakOf(opts.value);
  const value = await vscode.window.showInputBox({
    title: opts.title,
    prompt: opts.prompt,
    value: toBoxValue(opts.value),
    ignoreFocusOut: true,
    validateInput: (v) => {
      if (opts.optional && !fromBoxValue(v).trim()) return undefined;
      const check = checkPrompt(v, opts.limit, vscode.l10n.t);
      if (!check.ok) return check.message;
      return check.info ? { message: check.info, severity: vscode.InputBoxValidationSeverity.Info } : undefined;
    },
  });
  return value === undefined ? undefined : fromBoxValue(value, eol);
}
