/** What the SIGKILL test's child types into each cell (edit-burst-child.ts), shared so the test can check it. */
export function burstSentence(cell: number): string {
  return `Zelle ${cell}: der schnelle braune Fuchs springt über den faulen Hund`;
}
