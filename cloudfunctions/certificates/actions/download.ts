import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { withPdf } from './common';

/** The PDF again, to its holder only: anyone else gets the same "not found" as for a serial that does not exist. */
export default defineAction({
  input: ActionSchemas.certificates.download,
  async run({ input, caller, rt }) {
    const cert = await rt.repos.certificates.bySerial(input.serial);
    if (!cert || cert.holderId !== caller.id) throw new AppError('NOT_FOUND', '证明不存在');
    return withPdf(cert);
  },
});
