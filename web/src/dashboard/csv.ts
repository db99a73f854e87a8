// CSV built in the browser. Cells are quoted (RFC 4180), and a cell a spreadsheet could read as a formula
// (starting with = + - @, or a tab / carriage return that some tools strip before them) gets a leading apostrophe.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  let text = value == null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Offers text as a file download through a Blob URL (no data: URL, nothing sent to the server). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // The BOM makes Excel read the file as UTF-8 (accents, Arabic names).
  const blob = new Blob(['\uFEFF', text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
