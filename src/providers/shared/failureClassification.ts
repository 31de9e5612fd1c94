// The provider-independent part of turning a thrown value into a ProviderError: transport
// failures, unreadable responses, aborts and the unexpected. Each adapter supplies its own words
// and its own reading of HTTP errors. A submit that failed this way may have created the remote
// job, so it is flagged outcomeUnknown (reconciled before it is ever sent again).
import { ProviderError } from '../../core/errors';
import { TransportFailure } from './httpFailure';

export interface ProviderVoice {
  /** "fal", "Replicate". */
  name: string;
  /** What the provider calls a job: "job", "prediction". */
  thing: string;
  /** What GenQueue does about a submit whose outcome is unknown. */
  unknownSubmitNote: string;
}

export function classifyFailure<F>(
  err: unknown,
  submit: boolean,
  voice: ProviderVoice,
  readHttp: (err: unknown) => F | undefined,
  fromHttp: (facts: F) => ProviderError,
): ProviderError {
  if (err instanceof ProviderError) return err;
  const { name, thing } = voice;
  if (err instanceof TransportFailure) {
    const what = err.timedOut
      ? `${name} did not answer in time`
      : err.aborted
        ? `The request to ${name} was stopped`
        : `The connection to ${name} failed`;
    return transient(
      submit
        ? `${what} while submitting; the ${thing} may or may not have been created. ${voice.unknownSubmitNote}`
        : `${what}. GenQueue will try again.`,
      err.message,
      submit,
    );
  }
  const facts = readHttp(err);
  if (facts) return fromHttp(facts);
  if (err instanceof SyntaxError) {
    return transient(
      submit
        ? `${name} answered the submit with a response GenQueue could not read; the ${thing} may have been created.`
        : `${name} sent a response GenQueue could not read. GenQueue will try again.`,
      err.message,
      submit,
    );
  }
  const e = err as { name?: string; message?: string } | undefined;
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') {
    return transient(
      submit
        ? `The submit to ${name} was stopped before ${name} answered; the ${thing} may or may not have been created.`
        : `The request to ${name} was stopped before it finished.`,
      e.message,
      submit,
    );
  }
  return new ProviderError({
    category: 'transient',
    message: submit
      ? `Something unexpected went wrong submitting to ${name}; the ${thing} may or may not have been created.`
      : `Something unexpected went wrong talking to ${name}. GenQueue will try again.`,
    detail: e?.message ?? String(err),
    outcomeUnknown: submit,
    retryable: !submit,
  });
}

function transient(message: string, detail: string | undefined, submit: boolean): ProviderError {
  return new ProviderError({ category: 'transient', message, detail, outcomeUnknown: submit });
}
