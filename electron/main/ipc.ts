import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/ipc/channels';
import type { Dispatch } from '../core/services/dispatch';

/** Only our own window, loaded from our own scheme, may call the backend. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith('app://spanwise/') && event.senderFrame === event.sender.mainFrame;
}

export function bindContract(dispatch: Dispatch): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!trustedSender(event)) {
        return { ok: false, error: { code: 'forbidden', message: `${channel}: caller is not the Spanwise window` } };
      }
      return dispatch(channel, input);
    });
  }
}
