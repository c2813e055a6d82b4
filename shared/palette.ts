import type { Label } from './model';

/**
 * The label colours, once: brat's visual.conf is written from these, and renderer/src/styles.css
 * declares the same values as --event, --claim, --actor and --figure (a test holds the two
 * together, since CSS cannot import them).
 */
export const LABEL_COLOURS: Record<Label, string> = {
  event: '#f59e0b',
  claim: '#3b82f6',
  actor: '#10b981',
  figure: '#ec4899',
};
