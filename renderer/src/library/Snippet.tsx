import { HIT_CLOSE, HIT_OPEN } from '../../../shared/model';

/** Renders a search snippet's hit markers as <mark> elements; the text itself is never parsed as HTML. */
export function Snippet({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let rest = text;
  let key = 0;
  while (rest.length > 0) {
    const open = rest.indexOf(HIT_OPEN);
    if (open < 0) {
      parts.push(rest);
      break;
    }
    if (open > 0) parts.push(rest.slice(0, open));
    const close = rest.indexOf(HIT_CLOSE, open + 1);
    const hit = close < 0 ? rest.slice(open + 1) : rest.slice(open + 1, close);
    parts.push(
      <mark className="hit" key={key++}>
        {hit}
      </mark>,
    );
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  return <span className="snippet">{parts}</span>;
}
