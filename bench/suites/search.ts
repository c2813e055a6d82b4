export async function searchSuite(..._a: unknown[]): Promise<void> {}
