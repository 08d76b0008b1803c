/**
 * One CSV line (RFC 4180): a field with a comma, quote or line break is quoted. A field that a
 * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with ' (OWASP's advice for
 * CSV injection), since these reports are opened in Excel.
 */
export function csvLine(fields: string[]): string {
  return fields.map(csvField).join(',');
}

function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
