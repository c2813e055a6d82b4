export async function editorSuite(..._a: unknown[]): Promise<void> {}
