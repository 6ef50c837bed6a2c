import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { draftFiles, type DraftFileFields } from '../services/draftFiles';
import { fieldErrorsOf } from '../services/errors';
import { SubmitKey } from '../services/requestId';
import { peekSession } from '../services/session';

export type FormErrors = Partial<Record<string, string>>;

export interface WishFormOptions<D extends object, P, R, E extends FormErrors> {
  /** Storage key of the draft: what was typed survives leaving the page (a phone call, the app closed). */
  storageKey: string;
  /** A fresh form; a saved draft is laid over it, so fields added later get their defaults. */
  blank: () => D;
  /** Starting values when nothing is saved (a rejected wish being edited, the user's phone). */
  initial?: Partial<D>;
  /** The same shared zod schema the server parses with, as errors per form field. */
  validate: (draft: D) => E;
  payloadOf: (draft: D) => P;
  send: (payload: P, requestId: string) => Promise<R>;
  /** The server's VALIDATION_FAILED fields (`{ 'beneficiary.name': '…' }`) as errors per form field. */
  serverErrors?: (fields: Record<string, string>) => E;
  /**
   * What `validate` needs before it can run, fetched apart from the page (the post form's schemas on h5): awaited by
   * the first submit; until it resolves, typing is not validated. Rejects with OfflineError when it cannot be fetched.
   */
  ready?: () => Promise<unknown>;
  /**
   * The draft's local files (a recording, photos picked): kept with it (services/draftFiles) so a restart or a reload
   * loses none, brought back with it, and thrown away once deleted from it or sent.
   */
  files?: DraftFileFields<D>;
}

export interface WishForm<D, R, E> {
  draft: D;
  /** A patch, or one worked out from the current draft (for answers that arrive late). */
  update: (patch: Partial<D> | ((draft: D) => Partial<D>)) => void;
  errors: E;
  /** A submit was tried: errors now follow the typing. */
  tried: boolean;
  busy: boolean;
  /** Why the last send failed; cleared when the next one starts. */
  failure: unknown;
  /** Validates, then sends; resolves to the reply, or undefined when nothing went through. */
  submit: () => Promise<R | undefined>;
  /** Start over (after a success, for the next entry). */
  reset: (next: D) => void;
}

function restore<D extends object>(key: string, blank: () => D, initial?: Partial<D>): D {
  try {
    const saved = Taro.getStorageSync(key) as Partial<D> | '' | undefined;
    if (saved && typeof saved === 'object') return { ...blank(), ...saved };
  } catch {
    // Unreadable storage: start from the initial values.
  }
  return { ...blank(), ...initial };
}

/**
 * A draft belongs to the person who wrote it. A phone is often shared (an elder's and her grandson's, a grid office's):
 * the next person signed in starts from a blank form, and the writer finds the draft, its recording and photos, when
 * they sign in again. Signed out (a form never opens so), the key is the form's own.
 */
export function ownDraftKey(storageKey: string): string {
  const userId = peekSession()?.user.id;
  return userId ? storageKey + '@' + userId : storageKey;
}

/**
 * The wish forms' common behaviour (the resident's post and the staff's proxy entry): the draft
 * is written through to storage and kept on any failure, errors come from the shared schema
 * (and the server's), and a retry of the same payload reuses its requestId so a reply lost to
 * a flaky network never makes a second wish.
 */
export function useWishForm<D extends object, P, R, E extends FormErrors>(opts: WishFormOptions<D, P, R, E>): WishForm<D, R, E> {
  const { validate } = opts;
  const [storageKey] = useState(() => ownDraftKey(opts.storageKey));
  const [draft, setDraft] = useState<D>(() => restore(storageKey, opts.blank, opts.initial));
  const [errors, setErrors] = useState<E>({} as E);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const key = useRef(new SubmitKey());
  // Whether `ready` has resolved; a form given no `ready` (or no longer: the checks are here) validates at once.
  const waited = useRef(false);
  const canValidate = () => !opts.ready || waited.current;

  useEffect(() => {
    try {
      Taro.setStorageSync(storageKey, draft);
    } catch {
      // Storage full or unavailable: the form still holds the draft in memory.
    }
  }, [storageKey, draft]);

  useDraftFiles(storageKey, draft, setDraft, opts.files);

  // One `update` for the form's life, reading what it validates with from the last render: the form's parts can be
  // memoised on it, so an answer or a keystroke redraws the field it changes, not the whole form.
  const live = useRef({ tried, validate, canValidate });
  live.current = { tried, validate, canValidate };
  const update = useCallback(
    (patch: Partial<D> | ((draft: D) => Partial<D>)) =>
      setDraft((d) => {
        const next = { ...d, ...(typeof patch === 'function' ? patch(d) : patch) };
        if (live.current.tried && live.current.canValidate()) setErrors(live.current.validate(next));
        return next;
      }),
    [],
  );

  // After a refused submit, once its messages are drawn, the page goes up to the first field to mend (Field's
  // `field--error`): the button is at the foot of a long form, and the banner and the first messages were above the
  // fold (代录心愿's empty submit showed only 服务地点's). A page that cannot scroll there just stays.
  const [refused, setRefused] = useState(0);
  useEffect(() => {
    if (refused > 0) void Promise.resolve(Taro.pageScrollTo({ selector: '.field--error', duration: 200 })).catch(() => undefined);
  }, [refused]);

  const submit = async (): Promise<R | undefined> => {
    if (busy) return undefined;
    setTried(true);
    if (!canValidate()) {
      setBusy(true);
      try {
        await opts.ready!();
        waited.current = true;
        setFailure(undefined);
      } catch (err) {
        setFailure(err);
        return undefined;
      } finally {
        setBusy(false);
      }
    }
    const found = validate(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setRefused((n) => n + 1);
      return undefined;
    }
    const payload = opts.payloadOf(draft);
    setBusy(true);
    setFailure(undefined);
    try {
      const reply = await opts.send(payload, key.current.for(payload));
      key.current.done();
      Taro.removeStorageSync(storageKey);
      // Sent: the files it was sent with are the server's now.
      if (opts.files) void draftFiles().prune(storageKey, []).catch(() => undefined);
      return reply;
    } catch (err) {
      setFailure(err);
      const fields = fieldErrorsOf(err);
      const named = opts.serverErrors ? opts.serverErrors(fields) : fields;
      setErrors((e) => ({ ...e, ...named }));
      if (Object.keys(named).length > 0) setRefused((n) => n + 1);
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const reset = (next: D) => {
    setDraft(next);
    setErrors({} as E);
    setTried(false);
    setFailure(undefined);
  };

  return { draft, update, errors, tried, busy, failure, submit, reset };
}

/** What useDraftFiles remembers between draws. */
interface DraftFilesMemory<D> {
  /** Paths known kept (a restored draft's were kept when it was written). */
  kept: Set<string>;
  /** The paths the draft held at the last look. */
  held: string[];
  /** The draft as it is now: a throw-away decided earlier asks it when it runs, to spare what was recorded since. */
  latest: D;
  /** Each path whose kept copy the draft does not hold yet (its swap is not drawn). */
  moved: Map<string, string>;
  /** Keeps under way. */
  keeping: Set<Promise<void>>;
  swept?: boolean;
  /** The form is there: sent or left, it decides nothing more about the scope's files. */
  live?: boolean;
}

const remember = <D,>(held: string[], latest: D): DraftFilesMemory<D> => ({
  kept: new Set(held),
  held,
  latest,
  moved: new Map(),
  keeping: new Set(),
});

/**
 * Keeps the draft's files with it (services/draftFiles): those of a restored draft are brought back first (a lost one
 * is taken out), each new one is kept as it arrives (the mini-program's copy replaces the temp path), and when the
 * draft lets one go (删除, 重录, a photo tapped away) it is thrown away. A store that fails leaves the path as it was:
 * keeping files must never cost the draft itself.
 */
function useDraftFiles<D extends object>(scope: string, draft: D, setDraft: (f: (d: D) => D) => void, files?: DraftFileFields<D>) {
  // One ref, not seven: this hook is in the mini-program's main package (budget 600 KB).
  const ref = useRef<DraftFilesMemory<D>>();
  const m: DraftFilesMemory<D> = ref.current || (ref.current = remember(files ? files.of(draft) : [], draft));
  m.latest = draft;

  useEffect(() => {
    m.live = true;
    const restored = m.held;
    if (files && restored.length > 0) {
      void Promise.all(restored.map((p) => draftFiles().revive(scope, p).catch(() => p))).then((now) => {
        if (!m.live) return;
        now.forEach((p) => p && m.kept.add(p));
        setDraft((d) => ({ ...d, ...files.swap(d, (p) => (restored.includes(p) ? now[restored.indexOf(p)] : p)) }));
      });
    }
    return () => {
      m.live = false;
    };
    // Once, for the draft as restored.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!files) return;
    const now = files.of(draft);
    const gone = m.held.some((p) => !now.includes(p));
    m.held = now;
    const store = draftFiles();
    const fresh = now.filter((p) => !m.kept.has(p));
    fresh.forEach((path) => {
      m.kept.add(path);
      const done: Promise<void> = store
        .keep(scope, path)
        .catch(() => path)
        .then((copy) => {
          m.keeping.delete(done);
          if (copy === path) return;
          m.kept.add(copy);
          m.moved.set(path, copy);
          setDraft((d) => ({ ...d, ...files.swap(d, (p) => (p === path ? copy : p)) }));
        });
      m.keeping.add(done);
    });
    // Throws away what the draft does not hold, looked at when it runs and once every keep under way has its copy:
    // a quick 重录's new recording is not taken for litter, nor is a copy whose swap is not drawn yet.
    const prune = (): Promise<unknown> | undefined => {
      if (m.keeping.size > 0) return Promise.all(m.keeping).then(prune);
      const paths = files.of(m.latest);
      return m.live ? store.prune(scope, paths.concat(paths.map((p) => m.moved.get(p) || p))) : undefined;
    };
    // The first new file also sweeps what an earlier draft of this scope left (one whose storage was cleared).
    const sweep = fresh.length > 0 && !m.swept;
    if (sweep) m.swept = true;
    if (gone || sweep) void Promise.resolve().then(prune).catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scope, draft]);
}
