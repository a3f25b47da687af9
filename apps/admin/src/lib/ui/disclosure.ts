/**
 * `<details {...openIf(condition)}>`: opens a disclosure when the page needs it open (an error
 * inside, the newest round), and otherwise leaves it alone. A plain `open={false}` would be applied
 * again at hydration and close a disclosure the user opened while the page was still loading.
 */
export function openIf(condition: boolean): { open?: true } {
  return condition ? { open: true } : {};
}
