// A CSV from the console API. A plain link would not carry the bearer token, so the file is
// fetched with it and handed to the browser as a download.
import { useState, type ReactNode } from 'react';
import { apiError, apiFetch } from '../../../lib/api-client';
import { errorText } from '../console-words';

export function DownloadLink({
  path,
  fileName,
  children,
}: {
  path: string;
  fileName: string;
  children: ReactNode;
}) {
  const [failure, setFailure] = useState<string | null>(null);
  async function download() {
    setFailure(null);
    try {
      const response = await apiFetch(path);
      if (!response.ok) throw apiError(response, await response.json().catch(() => null));
      const url = URL.createObjectURL(await response.blob());
      const anchor = Object.assign(document.createElement('a'), { href: url, download: fileName });
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      setFailure(errorText(error));
    }
  }
  return (
    <>
      <a
        href={path}
        className="console-link"
        onClick={(event) => {
          event.preventDefault();
          void download();
        }}
      >
        {children}
      </a>
      {failure && (
        <span className="form-error" role="alert">
          {' '}
          Download failed: {failure}
        </span>
      )}
    </>
  );
}
