import fs from 'node:fs';
import path from 'node:path';
import * as enums from '@shared/enums';
import { WishAction, WishActionLabels } from '@shared/lifecycle/actions';
import { Limits, isPhotoRef } from '@shared/schemas/primitives';
import * as vocab from '@shared/vocab';

const vocabDir = path.join(__dirname, '..', '..', 'shared', 'vocab');

describe("the domain's words without the validation library (shared/vocab)", () => {
  // The login page and the screens that only show things load these and nothing else from shared/:
  // one import of zod here, direct or through another module, and every one of them fetches it again.
  test('no module in shared/vocab imports zod or anything outside shared/vocab', () => {
    for (const file of fs.readdirSync(vocabDir)) {
      const source = fs.readFileSync(path.join(vocabDir, file), 'utf8');
      const imports = [...source.matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
      expect({ file, outside: imports.filter((i) => !i.startsWith('./')) }).toEqual({ file, outside: [] });
    }
  });

  test('the schemas validate exactly the lists the screens show, with the same labels', () => {
    expect(enums.Role.options).toEqual([...vocab.Roles]);
    expect(enums.WishState.options).toEqual([...vocab.WishStates]);
    expect(enums.Category.options).toEqual([...vocab.Categories]);
    expect(enums.Channel.options).toEqual([...vocab.Channels]);
    expect(enums.Priority.options).toEqual([...vocab.Priorities]);
    expect(enums.UnitKind.options).toEqual([...vocab.UnitKinds]);
    expect(enums.PartyBranchLevel.options).toEqual([...vocab.PartyBranchLevels]);
    expect(WishAction.options).toEqual([...vocab.WishActions]);
    expect(enums.RoleLabels).toBe(vocab.RoleLabels);
    expect(WishActionLabels).toBe(vocab.WishActionLabels);
    expect(Limits).toBe(vocab.Limits);
    expect(isPhotoRef).toBe(vocab.isPhotoRef);
  });
});
