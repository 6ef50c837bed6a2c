/**
 * The name a switch is read out by. In the browser Taro draws a Switch as an <input> inside its own
 * element, and the name has to be on the input itself (nativeProps) for a screen reader, and for
 * Lighthouse's label audit, to find it; in WeChat the element's aria-label is what counts.
 */
export function switchLabel(label: string): { 'aria-label': string; nativeProps: { 'aria-label': string } } {
  return { 'aria-label': label, nativeProps: { 'aria-label': label } };
}
