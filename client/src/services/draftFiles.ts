import Taro from '@tarojs/taro';
import { isAudioRef, isPhotoRef } from '@shared/vocab/photoRefs';

/**
 * The files a draft holds (a recording, photos picked, not sent yet) kept with it, so that closing the app or
 * reloading the page loses nothing a person made. A draft in storage holds only their paths, and neither kind of path
 * outlives the app: the mini-program's recorder and album hand out temp files, valid only while the app runs (WeChat:
 * "仅在当前生命周期内保证有效，重启之后不一定可用"), and the browser's are `blob:` URLs, gone with the page.
 * - Mini-program: each is copied into the user data folder (`USER_DATA_PATH/drafts/<scope>/`), which lasts until
 *   the app is removed, and the draft holds the copy's path from then on.
 * - Browser: each one's bytes go into IndexedDB under the draft's scope and its `blob:` URL; when the draft comes
 *   back, a fresh `blob:` URL is made from them (draftFilesH5.ts, fetched the first time a draft holds a file).
 * Files of a scope that its draft no longer holds (deleted, recorded again, sent) are thrown away.
 */
export interface DraftFileStore {
  // Each rejects when the storage fails; the caller then leaves the draft's path as it was.
  /** Keeps a file the draft now holds; resolves to the path the draft should hold from now on. */
  keep(scope: string, path: string): Promise<string>;
  /** A kept file's path as usable now, after a restart or a reload; undefined when it was lost. */
  revive(scope: string, path: string): Promise<string | undefined>;
  /** Throws away the scope's files other than `held` (all of them with none). */
  prune(scope: string, held: string[]): Promise<void>;
}

/**
 * The mini-program's store. Each call is a promise that rejects when the file system fails (full: WeChat allows
 * 200 MB; refused; no folder yet), and its caller (useWishForm) then leaves the path as it was: the draft keeps the
 * temp file, which lasts while the app runs. Plain functions, not async ones: the mini-program's build turns each
 * async function into a state machine, and this module sits in its main package (budget 600 KB).
 */
function weappStore(): DraftFileStore {
  // A folder per storage key (`xy.draft.new`): letters, digits, dots and dashes only. Strings joined with +, not
  // templates: the build writes each template as "".concat(…).
  const dirOf = (scope: string) => Taro.env.USER_DATA_PATH + '/drafts/' + scope.replace(/[^\w.-]/g, '_');
  const run = <T>(work: (fs: ReturnType<typeof Taro.getFileSystemManager>) => T) =>
    new Promise<T>((resolve) => resolve(work(Taro.getFileSystemManager())));
  let n = 0;
  return {
    keep: (scope, path) =>
      run((fs) => {
        const dir = dirOf(scope);
        if (path.startsWith(dir + '/')) return path;
        // The extension is kept: the upload to cloud storage names the stored file by it.
        const copy = dir + '/' + Date.now() + '-' + ++n + (/\.\w{1,5}$/.exec(path) || ['.bin'])[0];
        try {
          fs.mkdirSync(dir, true);
        } catch {
          // There already.
        }
        fs.copyFileSync(path, copy);
        return copy;
      }),
    revive: (_scope, path) =>
      run((fs) => {
        try {
          fs.accessSync(path);
          return path;
        } catch {
          return undefined;
        }
      }),
    prune: (scope, held) =>
      run((fs) => {
        const dir = dirOf(scope);
        fs.readdirSync(dir).forEach((name) => {
          if (!held.includes(dir + '/' + name)) fs.unlinkSync(dir + '/' + name);
        });
      }),
  };
}

let browser: DraftFileStore | undefined;
let weapp: DraftFileStore | undefined;

/**
 * The store for the build the app is. The browser's is fetched the first time a draft holds a file (pages without
 * one never load it); inside `if` so that the mini-program's build does not even see that import.
 */
export function draftFiles(): DraftFileStore {
  if (process.env.TARO_ENV === 'h5') {
    const load = () => import('./draftFilesH5').then((m) => m.browserStore);
    return (browser ??= {
      keep: (scope, path) => load().then((s) => s.keep(scope, path)),
      revive: (scope, path) => load().then((s) => s.revive(scope, path)),
      prune: (scope, held) => load().then((s) => s.prune(scope, held)),
    });
  }
  return weapp || (weapp = weappStore());
}

/** Which of a draft's values are local files (kept with it), and how to put their new paths in. */
export interface DraftFileFields<D> {
  of(draft: D): string[];
  /** The draft with each local file's path replaced by `to(path)`; a file `to` finds lost is taken out. */
  swap(draft: D, to: (path: string) => string | undefined): Partial<D>;
}

type WithMedia = { photos: string[]; voice?: { src: string; seconds: number } };

/**
 * The wish forms' files (the resident's post form, the staff's proxy form): photos picked and a recording, until
 * they are uploaded; stored references (a wish being edited keeps its own) are not files of the draft.
 */
export function mediaFiles<D extends WithMedia>(): DraftFileFields<D> {
  const localVoice = (d: D) => (d.voice && !isAudioRef(d.voice.src) ? d.voice : undefined);
  return {
    of: (d) => d.photos.filter((p) => !isPhotoRef(p)).concat(localVoice(d) ? [d.voice!.src] : []),
    swap(d, to) {
      const photos = d.photos.flatMap((p) => (isPhotoRef(p) ? [p] : to(p) || []));
      const voice = localVoice(d);
      if (!voice) return { photos } as Partial<D>;
      const src = to(voice.src);
      return { photos, voice: src ? { ...voice, src } : undefined } as Partial<D>;
    },
  };
}
