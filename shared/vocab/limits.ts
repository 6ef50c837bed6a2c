/** Lengths and counts a person's input may reach; the forms show them, the schemas (schemas/primitives.ts) enforce them. */
export const Limits = {
  title: 40,
  description: 500,
  note: 300,
  comment: 200,
  reason: 200,
  name: 20,
  address: 100,
  photos: 9,
  /** Photos a resident (or staff entering for them) attaches to a wish: a few of the leak, the form, the broken lock. */
  wishPhotos: 6,
  /** The longest voice note, in seconds (a WeChat voice message's length). */
  voiceSeconds: 60,
} as const;
