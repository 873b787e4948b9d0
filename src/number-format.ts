/**
 * Numbers as `Intl.NumberFormat('en-US', { maximumFractionDigits })` writes them
 * ("1,367", "49.3", "-0.37"), without Intl: the first use of Intl maps ~8 MB of ICU
 * data into the process for the rest of its life, against a 120 MB target for the whole
 * bot. A property test holds this equal to Intl.
 *
 * Like ICU, it rounds the shortest decimal that reads back as the same double (what
 * `String(value)` prints), half away from zero: 1.005 → "1.01", although the double
 * nearest 1.005 lies just below it.
 */
export function formatDecimal(value: number, maxFractionDigits: number): string {
  if (Number.isNaN(value)) return 'NaN';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (!Number.isFinite(value)) return `${sign}∞`;
  const [mantissa = '0', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '').split('').map(Number);
  // digits[0] is the units digit when the exponent is 0; pointAt counts digits before the point.
  let pointAt = Number(exponentText) + 1;
  if (pointAt < 0) {
    digits.unshift(...new Array<number>(-pointAt).fill(0));
    pointAt = 0;
  }
  while (digits.length < pointAt) digits.push(0);
  const kept = pointAt + maxFractionDigits;
  if (digits.length > kept) {
    const roundsUp = (digits[kept] ?? 0) >= 5;
    digits.length = kept;
    if (roundsUp) {
      let index = kept - 1;
      while (index >= 0 && digits[index] === 9) {
        digits[index] = 0;
        index -= 1;
      }
      if (index >= 0) digits[index] = (digits[index] ?? 0) + 1;
      else {
        digits.unshift(1);
        pointAt += 1;
      }
    }
  }
  const whole =
    digits
      .slice(0, pointAt)
      .join('')
      .replace(/^0+(?=\d)/, '') || '0';
  const fraction = digits.slice(pointAt).join('').replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === '' ? '' : `.${fraction}`}`;
}
