// Leads from a CSV file (docs/campaigns.md#importing-leads): the file itself is the body. The
// report says what came of each row; every rejected row is in the import's rejections.csv.
import { useState, type ChangeEvent } from 'react';
import { uploadLeads, rejectionsCsvPath, type ImportReport } from '../api/console-api';
import { errorText } from '../console-words';
import { Counter } from './counter';
import { DownloadLink } from './download-link';

type Upload =
  | { status: 'idle' }
  | { status: 'uploading'; fileName: string }
  | { status: 'imported'; fileName: string; report: ImportReport }
  | { status: 'refused'; fileName: string; error: unknown };

export function LeadUpload({ campaignId }: { campaignId: string }) {
  const [upload, setUpload] = useState<Upload>({ status: 'idle' });
  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = ''; // The same file can be chosen again after fixing it.
    if (!file) return;
    setUpload({ status: 'uploading', fileName: file.name });
    try {
      const report = await uploadLeads(campaignId, file);
      setUpload({ status: 'imported', fileName: file.name, report });
    } catch (error) {
      setUpload({ status: 'refused', fileName: file.name, error });
    }
  }
  return (
    <section className="console-card" aria-labelledby="upload-title">
      <h2 id="upload-title">Upload leads</h2>
      <p className="muted small">
        A CSV saved as UTF-8 with a <code>phone</code> or <code>line_user_id</code> column and the
        script's fields (e.g. <code>customer_name</code>). Up to 4 MB per file.
      </p>
      <label className="console-button file-button">
        Choose a CSV file
        <input
          type="file"
          accept=".csv,text/csv"
          className="visually-hidden"
          disabled={upload.status === 'uploading'}
          onChange={(event) => void choose(event)}
        />
      </label>
      {upload.status === 'uploading' && <p role="status">Importing {upload.fileName}…</p>}
      {upload.status === 'refused' && (
        <p className="form-error" role="alert" data-testid="upload-error">
          {upload.fileName} was not imported: {errorText(upload.error)}
        </p>
      )}
      {upload.status === 'imported' && (
        <ImportReportView
          campaignId={campaignId}
          fileName={upload.fileName}
          report={upload.report}
        />
      )}
    </section>
  );
}

function ImportReportView({
  campaignId,
  fileName,
  report,
}: {
  campaignId: string;
  fileName: string;
  report: ImportReport;
}) {
  const { import: counts, rejections } = report;
  return (
    <div role="status" data-testid="import-report">
      <p>
        <strong>{fileName}</strong>: {counts.rowsRead} rows read
      </p>
      <dl className="counters counters--small">
        <Counter label="Added" value={counts.added} />
        <Counter label="Skipped (do not call)" value={counts.skipped} />
        <Counter label="Merged" value={counts.merged} />
        <Counter label="Rejected" value={counts.rejected} />
      </dl>
      {counts.rejected > 0 && (
        <>
          <table className="console-table console-table--compact" aria-label="Rejected rows">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {rejections.map((rejection) => (
                <tr key={rejection.row}>
                  <td>{rejection.row}</td>
                  <td>{rejection.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <DownloadLink
            path={rejectionsCsvPath(campaignId, counts.id)}
            fileName={`rejected-rows-${counts.id}.csv`}
          >
            Download the rejected rows (CSV)
          </DownloadLink>
        </>
      )}
    </div>
  );
}
