/** "1 article", "2 articles": a count and its noun, for messages on both sides of the contract. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
