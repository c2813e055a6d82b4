export async function exportSuite(..._a: unknown[]): Promise<void> {}
