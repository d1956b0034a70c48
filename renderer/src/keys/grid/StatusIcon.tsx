import { statusLabels, type CellStatus } from './cell-text';

const glyphs: Record<CellStatus, string> = { untranslated: '○', unverified: '!', translated: '●', reviewed: '✓' };

/**
 * A cell's status as a shape with its words as the accessible name and tooltip: colour alone would leave out
 * colour-blind translators, so each status also has its own glyph.
 */
export function StatusIcon({ status }: { status: CellStatus }): React.JSX.Element {
  return (
    <span className={`status-icon status-${status}`} role="img" aria-label={statusLabels[status]} title={statusLabels[status]}>
      {glyphs[status]}
    </span>
  );
}
