/**
 * The ladders. Each suite measures at 1x, 10x and 100x; the top rung is the size the issue names
 * (100,000 articles with about 1,000,000 spans; a 30,000-word article with 3,000 annotations), so
 * the full run ends at the scale and the two rungs below show how each figure grows.
 * --quick runs the same code on ladders 50 times smaller (editor: 10 times) to check it works.
 */
export interface Config {
  quick: boolean;
  seed: string;
  /** Scratch folder for corpora, stores and exports; removed at the end unless --keep. */
  work: string;
  scales: readonly ['1x', '10x', '100x'];
  /** Articles at each rung. */
  articles: readonly number[];
  /** Articles per JSONL shard: the 1x rung is one shard. */
  shardSize: number;
  /** Words and annotations of the editor's article at each rung. */
  editorWords: readonly number[];
  editorSpans: readonly number[];
  /** Queries per kind (word, prefix, phrase) at each rung. */
  queries: number;
  /** Times the article is opened, and keys pressed, per rung and case. */
  opens: number;
  keystrokes: number;
  /** Write V8 CPU profiles (or a Chromium trace) of the top rung and print what dominated. */
  profile: boolean;
  /** A built renderer to serve; by default the bench builds one from the current source. */
  rendererDir: string | null;
}

export const SCALES = ['1x', '10x', '100x'] as const;

export function makeConfig(options: { quick: boolean; work: string; profile: boolean; rendererDir: string | null }): Config {
  const articles = options.quick ? [20, 200, 2_000] : [1_000, 10_000, 100_000];
  const editorWords = options.quick ? [30, 300, 3_000] : [300, 3_000, 30_000];
  return {
    ...options,
    seed: 'spanwise-bench-1',
    scales: SCALES,
    articles,
    shardSize: articles[0] as number,
    editorWords,
    // One annotation per ten words, the density the issue names for its largest article.
    editorSpans: editorWords.map((w) => w / 10),
    queries: options.quick ? 15 : 100,
    opens: options.quick ? 2 : 5,
    keystrokes: options.quick ? 8 : 40,
  };
}
