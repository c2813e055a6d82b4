import type { Channel } from '../../../shared/ipc/channels';
import type { OutputOf, ParsedInputOf } from '../../../shared/ipc/contract';
import type { networkContract } from '../../../shared/ipc/network';
import type { timelineContract } from '../../../shared/ipc/timeline';
import type { Db } from '../store/db';
import { networkGraph } from '../store/network';
import { timelineCounts, timelineFigures } from '../store/timeline';

type PictureChannel = Extract<Channel, keyof typeof timelineContract | keyof typeof networkContract>;
export type PictureHandlers = { [C in PictureChannel]: (input: ParsedInputOf<C>) => OutputOf<C> };

/** The Timeline's counts and the actor Network: read-only views of the events, their roles and incidents. */
export function createPictureHandlers(db: Db): PictureHandlers {
  return {
    'timeline/counts': (filter) => timelineCounts(db, filter),
    'timeline/figures': ({ filter, unit }) => timelineFigures(db, filter, unit),
    'network/graph': (query) => networkGraph(db, query),
  };
}
