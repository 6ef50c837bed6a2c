// Options for every mingo call: no server-side JavaScript ($where, $function, $accumulator), so a
// filter built from user input can never run code in the database process.
export const MINGO_OPTIONS = { scriptEnabled: false } as const;
