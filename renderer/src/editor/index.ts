import './paragraphs.css';

export {
  $createAnnotationMarkNode,
  $isAnnotationMarkNode,
  AnnotationMarkNode,
  CUE_CLASS,
  EDITOR_NODES,
  MARK_ATTR,
  MARK_CLASS,
  markLabelClass,
  type SerializedAnnotationMarkNode,
} from './AnnotationMarkNode';
export { idsAtDomTarget, markAtDomTarget } from './dom';
export { $loadArticle, $readMarkSpans, $readSegments, $readText, $refreshSpans, type LoadOptions } from './load';
export { findOccurrences } from './occurrences';
export {
  $nodeStart,
  $offsetToPoint,
  $pointToOffset,
  $rangePoints,
  $selectionOffsets,
  $selectionPoints,
  $selectOffsets,
  type Bias,
  type PointSpec,
} from './offsets';
export {
  type MarkSpan,
  type ParagraphRange,
  paragraphIndexAt,
  paragraphRanges,
  type Segment,
  segmentParagraph,
  segments,
} from './segments';
export { $getSelectedAnnotation, $setSelectedAnnotation, type SelectionScope } from './selectedAnnotation';
export { CUE_SLOTS, cueSlotAttr, cueSlots, LABEL_INITIALS, startsText } from './cue';
export { snapSpan } from './snap';
export {
  $createSuggestionMarkNode,
  $isSuggestionMarkNode,
  SUGGESTION_ATTR,
  SUGGESTION_CLASS,
  SuggestionMarkNode,
  type SuggestionSpan,
} from './SuggestionMarkNode';
