import { memo } from 'react';
import { figureText, period, type Bin } from './model';

/** The Timeline in words: one row per bar in view, with what the chart draws and shows on hover. */
export const TimelineTable = memo(function TimelineTable({ bins, onShow }: { bins: Bin[]; onShow(bin: Bin): void }) {
  return (
    <details className="timeline-table" open>
      <summary>Table of what is drawn</summary>
      <table aria-label="Timeline as a table">
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Events</th>
            <th scope="col">Incidents</th>
            <th scope="col">By type</th>
            <th scope="col">Figures</th>
            <th scope="col">
              <span className="visually-hidden">Reports</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {bins.map((b) => (
            <tr key={b.start}>
              <th scope="row">{period(b)}</th>
              <td>{b.events}</td>
              <td>{b.incidents}</td>
              <td>{[...b.byType].map(([t, n]) => `${t}: ${n}`).join('; ')}</td>
              <td>{b.figures.map(figureText).join('; ')}</td>
              <td>
                <button type="button" onClick={() => onShow(b)}>
                  Reports
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
});
