/** Money as the API gives it: integer minor units, ISO currency, digits (TND has 3: millimes). */
export interface Money {
  minorUnits: number;
  currency: string;
  minorUnitDigits: number;
}

/** "48000, 3" → "48.000", exact (no float arithmetic), for Intl.NumberFormat's string input. */
export function minorToDecimalString(minorUnits: number, digits: number): string {
  const negative = minorUnits < 0;
  const raw = String(Math.abs(Math.trunc(minorUnits))).padStart(digits + 1, '0');
  const text = digits > 0 ? `${raw.slice(0, raw.length - digits)}.${raw.slice(raw.length - digits)}` : raw;
  return negative ? `-${text}` : text;
}
