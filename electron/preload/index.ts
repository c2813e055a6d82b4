import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, functionName } from '../../shared/ipc/channels';

// One named function per contract entry and nothing else: the renderer never sees ipcRenderer.
const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
for (const channel of CHANNELS) {
  api[functionName(channel)] = (input?: unknown) => ipcRenderer.invoke(channel, input ?? {});
}
contextBridge.exposeInMainWorld('spanwise', api);
