import type { Job } from '../../../shared/ipc/contract';
import { BundlePassphraseDialog } from './BundlePassphraseDialog';

export function ImportProgress({ job, onCancel }: { job: Job; onCancel(): void }) {
  return (
    <section className="import-progress" aria-label="Import progress">
      <span>
        Importing {job.done} of {job.total || '…'} files
      </span>
      <progress aria-label="Import progress" max={job.total || 1} value={job.done} />
      <button type="button" onClick={onCancel}>
        Cancel import
      </button>
      {/* A new asking (another bundle, or after a wrong passphrase) opens a fresh dialog. */}
      {job.passphrase ? <BundlePassphraseDialog key={`${job.passphrase.file}#${job.passphrase.attempt}`} jobId={job.id} request={job.passphrase} /> : null}
    </section>
  );
}
