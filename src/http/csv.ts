// CSV documents (RFC 4180) for bookkeeping and spreadsheets: the statements of src/time and the
// statistics of src/statistics write their lines with the same field rules.

export type CsvValue = string | number | boolean | null;

/** RFC 4180: quote a field that holds a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
export function csvField(value: CsvValue): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (fields: CsvValue[]): string => fields.map(csvField).join(',');

/** A header line, then one line per row; CRLF line ends, as RFC 4180 writes them. */
export const csvDocument = (header: string[], rows: CsvValue[][]): string => `${[header, ...rows].map(csvLine).join('\r\n')}\r\n`;
