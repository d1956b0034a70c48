import { useState } from 'react';
import { QaSettingsDialog } from './QaSettingsDialog';

/** Opens the project's QA settings from the workspace (beside the grid's QA filter). */
export function QaSettingsButton({ projectId, projectName }: { projectId: string; projectName: string }): React.JSX.Element {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        QA settings
      </button>
      {open && <QaSettingsDialog projectId={projectId} projectName={projectName} onClose={() => setOpen(false)} />}
    </>
  );
}
