/** "1 article", "2 articles": a count and its noun, for the library's messages. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
