import { importSummary } from '../../../shared/import-report';
import type { ImportReport } from '../../../shared/ipc/contract';
import { EntityOffers } from './EntityOffers';

export function ImportReportView({ report, onClose, onChanged }: { report: ImportReport; onClose(): void; onChanged(): void }) {
  return (
    <section className="import-report" aria-label="Import report">
      <header>
        <strong>
          {importSummary(report)}
        </strong>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <ul>
        {report.outcomes.map((o, i) => (
          <li key={i} className={`outcome outcome-${o.status}`} data-status={o.status}>
            <span className="status">{o.status}</span> <span className="file">{o.file}</span>
            {o.message ? <span className="message">: {o.message}</span> : null}
            {o.entityOffers?.length ? <EntityOffers offers={o.entityOffers} onChanged={onChanged} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
