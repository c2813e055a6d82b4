import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/ipc/channels';
import type { Dispatch } from '../core/services/dispatch';
import { isTrustedSender } from './sender';

function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return isTrustedSender({ url: frame?.url, isMainFrame: frame !== null && frame === event.sender.mainFrame });
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
