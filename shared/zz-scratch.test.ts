import { test } from 'vitest';
import { diffHunks, remapSpans } from './remap';
test('x', () => {
  const paragraph = 'Air defence forces said they shot down 80 of the 90 drones launched overnight, the ministry reported. ';
  const oldText = Array.from({ length: 2000 }, (_, i) => `${i}: ${paragraph}`).join('\n\n');
  for (const every of [200, 20, 2, 1]) {
    let k = 0;
    const newText = oldText.replace(/ministry/g, (m) => (k++ % every === 0 ? 'Ministry of Defence' : m));
    const t = performance.now();
    const hunks = diffHunks(oldText, newText);
    console.log(every, hunks.length, (performance.now() - t).toFixed(0), 'ms');
  }
});
