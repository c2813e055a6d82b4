import { MARK_ATTR } from './AnnotationMarkNode';

const ELEMENT_NODE = 1;

/**
 * The element an event landed on: the target itself, or a text node's parent. Checked by shape,
 * not `instanceof Element`, so it works across documents and in tests without a global DOM.
 */
function elementOf(target: EventTarget | null): Element | null {
  if (target === null || typeof target !== 'object') return null;
  const node = target as Partial<Node>;
  if (node.nodeType === ELEMENT_NODE) return target as Element;
  return node.parentElement ?? null;
}

/** The innermost highlight at a click target, or null outside any highlight. */
export function markAtDomTarget(target: EventTarget | null): Element | null {
  return elementOf(target)?.closest(`[${MARK_ATTR.ids}]`) ?? null;
}

function words(value: string | null | undefined): string[] {
  return value ? value.split(/\s+/).filter((word) => word !== '') : [];
}

/**
 * The annotation ids of the highlight at a click target, innermost annotation first (the order
 * of the mark's `data-annotation-ids`); empty outside any highlight.
 */
export function idsAtDomTarget(target: EventTarget | null): string[] {
  return words(markAtDomTarget(target)?.getAttribute(MARK_ATTR.ids));
}
