import { getToken } from '../app/auth';

/** Fetches a CSV export with the bearer token and hands it to the browser as a file. */
export async function downloadCsv(path: string, filename: string): Promise<void> {
  const token = getToken();
  const response = await fetch(path, { headers: { authorization: `Bearer ${token ?? ''}`, accept: 'text/csv' } });
  if (!response.ok) {
    if (response.status === 401) throw new Error('U bent niet (meer) aangemeld. Meld u opnieuw aan.');
    if (response.status === 403) throw new Error('U hebt geen toegang tot deze export.');
    if (response.status === 503) throw new Error('De database is tijdelijk niet bereikbaar; probeer het zo opnieuw.');
    throw new Error('De export kon niet worden gemaakt. Probeer het opnieuw.');
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
