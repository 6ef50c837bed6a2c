import fs from 'node:fs';
import path from 'node:path';
import { compile } from 'sass';

/**
 * The staff screens' classes and their rules: a class a staff component names but no staff stylesheet styles is drawn
 * by the browser's defaults (the town's 督办 summary ran edge to edge in 16px type, 催办 wore the platform's grey face).
 */
const staffDir = path.join(__dirname, '..', '..', 'client', 'src', 'packages', 'staff');
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const css = files(staffDir).filter((f) => f.endsWith('.scss')).map((f) => compile(f).css).join('\n');
const styled = new Set((css.match(/\.[a-zA-Z][\w-]*/g) ?? []).map((s) => s.slice(1)));

/** Classes that are handles, not looks: each styled through its parent or its modifiers, or drawn by SVG attributes. */
const HANDLES: Record<string, string> = {
  'staff-root': 'StaffGate\'s wrapper outside elder mode: the screens look as the page styles say',
  'staff-location': 'LocationField\'s wrapper; its parts (__now, __notice) carry the look',
  'staff-board__item': 'BoardItem\'s row; styled by its --stalled modifier and the WishCard inside',
  'staff-now__item': 'a tile of the .staff-now strip, which sets its type',
  'staff-map': 'the map page\'s wrapper; its parts carry the look',
  'staff-map__draft': 'an SVG path drawn by its stroke and fill attributes',
  'staff-map__corner': 'an SVG circle drawn by its attributes',
  'staff-map__dot': 'an SVG group drawn by its attributes',
};

describe('the staff screens\' stylesheets', () => {
  it('style every staff- class a staff component names (handles aside)', () => {
    const unstyled = new Set<string>();
    for (const file of files(staffDir).filter((f) => f.endsWith('.tsx'))) {
      for (const [name] of fs.readFileSync(file, 'utf8').matchAll(/\bstaff-[a-z0-9-]*[a-z0-9](?:__[a-z0-9-]*[a-z0-9])?(?:--[a-z0-9-]*[a-z0-9])?/g)) {
        if (!styled.has(name) && !(name in HANDLES)) unstyled.add(`${name} (${path.relative(staffDir, file)})`);
      }
    }
    expect([...unstyled]).toEqual([]);
  });

  it('give a button with no modifier a face of its own, not the platform\'s grey one with its frame cut into two lines', () => {
    const rule = /(^|\n)\.staff-btn \{([^}]*)\}/.exec(css)?.[2] ?? '';
    expect(rule).toMatch(/background: #fff/);
    expect(rule).toMatch(/border: 1px solid/);
    expect(css).toMatch(/\.staff-btn::after \{\s*border: none;/);
  });

  it('keep each button of an action row at its own height, not stretched to a neighbour wrapped in a picker', () => {
    const rule = /(^|\n)\.staff-actions \{([^}]*)\}/.exec(css)?.[2] ?? '';
    expect(rule).toMatch(/align-items: center/);
  });
});
