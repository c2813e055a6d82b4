/** "1 article", "2 articles": a count and its noun, for messages on both sides of the contract. `many` for a noun not made plural by an s ("entities"). */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
