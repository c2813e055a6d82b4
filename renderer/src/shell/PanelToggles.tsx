export interface PanelTogglesProps {
  libraryShown: boolean;
  sideShown: boolean;
  /** The annotations column exists only while an article is open. */
  hasSide: boolean;
  onLibrary(): void;
  onSide(): void;
}

/** Buttons that show and hide the side panels (at any width; below 1100 px they open drawers). */
export function PanelToggles({ libraryShown, sideShown, hasSide, onLibrary, onSide }: PanelTogglesProps) {
  return (
    <div className="panel-toggles" role="group" aria-label="Panels">
      <button type="button" aria-expanded={libraryShown} aria-controls="library-panel" onClick={onLibrary}>
        {libraryShown ? 'Hide library' : 'Show library'}
      </button>
      {hasSide ? (
        <button type="button" aria-expanded={sideShown} aria-controls="annotations-panel" onClick={onSide}>
          {sideShown ? 'Hide annotations' : 'Show annotations'}
        </button>
      ) : null}
    </div>
  );
}
