import { useCallback, useEffect, useState } from 'react';
import { EMPTY_VOCABULARY, type FigureVocabulary } from '../../../shared/figure-units';
import { call } from '../api/client';

/** The most words a field offers: a datalist longer than this is scrolled, not read. */
const OFFERED = 30;

/**
 * The words a figure's unit or counts field offers: the ones the analyst has used, most used first
 * (the library remembers them: figure_vocabulary), those starting with what is typed ahead of the
 * rest, and never the field's own value.
 */
export function offeredWords(words: readonly string[], typed: string): string[] {
  const t = typed.trim().toLocaleLowerCase();
  const others = words.filter((w) => w.toLocaleLowerCase() !== t);
  const starting = t === '' ? others : others.filter((w) => w.toLocaleLowerCase().startsWith(t));
  return [...starting, ...others.filter((w) => !starting.includes(w))].slice(0, OFFERED);
}

/**
 * The library's figure vocabulary, read again whenever `revision` changes (an edit may have added a
 * word) and whenever `refresh` is called (a field taking focus: an edit of another figure may have
 * been saved since, after this one's last change).
 */
export function useFigureVocabulary(revision: unknown): { vocabulary: FigureVocabulary; refresh(): void } {
  const [vocabulary, setVocabulary] = useState<FigureVocabulary>(EMPTY_VOCABULARY);
  const [asked, setAsked] = useState(0);
  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    call('figures/vocabulary', {}).then(
      (v) => live && setVocabulary(v),
      // Offering words is a help, not a duty: without them the field is a plain text field.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [revision, asked]);
  return { vocabulary, refresh };
}
