import { render } from '@testing-library/react';
import { PostForm, type PostFormProps } from '../../../client/src/features/post/PostForm';
import { wishesApi } from '../../../client/src/services/wishes';
import { CreateWishInput } from '@shared/actions/wishes';

/** The resident's own building, as the form offers it before any map is opened. */
export const home = { point: { type: 'Point' as const, coordinates: [110.1146, 32.8094] as [number, number] }, label: '3号楼', source: 'building' as const };

/** The posting form wired to the real transport (answered by fakeServer), as the post page mounts it. */
export function renderPostForm(props: Partial<PostFormProps> = {}) {
  const onDone = jest.fn();
  const utils = render(
    <PostForm
      scope="new"
      submit={(payload, requestId) => wishesApi.create(CreateWishInput.parse(payload), { requestId })}
      onDone={onDone}
      homePlace={async () => home}
      {...props}
    />,
  );
  return { ...utils, onDone };
}
