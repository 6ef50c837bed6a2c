import { useState } from 'react';
import type { z } from 'zod';
import { parseInput } from '@shared/validation/parseInput';
import { errorText, fieldErrorsOf } from './errors';

/**
 * A staff form's send: the input is checked here by the schema the server parses it with (the same wording), and
 * `send` runs only when it passes (it sends the input as typed: the server parses it again). What is wrong with a field (found here or by the server) stands beside that field; anything
 * else (offline, a refusal) is one sentence for the form.
 */
export function useCheckedSubmit<S extends z.ZodType>(schema: S) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Whether it was sent and `send` finished. */
  const submit = async (input: z.input<S>, send: () => Promise<void>): Promise<boolean> => {
    setError(null);
    try {
      parseInput(schema, input);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      return false;
    }
    setErrors({});
    setBusy(true);
    try {
      await send();
      return true;
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setError(errorText(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { errors, setErrors, error, busy, submit };
}
