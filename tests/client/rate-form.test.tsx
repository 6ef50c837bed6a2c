import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { RateForm } from '../../client/src/features/wish/RateForm';

test('"请先点星星打分" goes away as soon as stars are picked, and the rating is sent with them', async () => {
  const submit = jest.fn(async () => undefined);
  const onDone = jest.fn();
  render(<RateForm submit={submit} onDone={onDone} />);

  fireEvent.click(screen.getByText('提交评价'));
  expect(screen.getByRole('alert')).toHaveTextContent('请先点星星打分');
  expect(submit).not.toHaveBeenCalled();

  fireEvent.click(screen.getByRole('radio', { name: '4星' }));
  expect(screen.queryByText('请先点星星打分')).not.toBeInTheDocument();
  expect(screen.getByText('满意')).toBeInTheDocument();

  fireEvent.click(screen.getByText('提交评价'));
  await waitFor(() => expect(onDone).toHaveBeenCalled());
  expect(submit).toHaveBeenCalledWith(4, undefined, expect.any(String));
});

test('a refusal from the server stays on screen while the person changes their score', async () => {
  const submit = jest.fn(async () => {
    throw new Error('boom');
  });
  render(<RateForm submit={submit} onDone={() => undefined} />);
  fireEvent.click(screen.getByRole('radio', { name: '5星' }));
  fireEvent.click(screen.getByText('提交评价'));
  const alert = await screen.findByRole('alert');
  fireEvent.click(screen.getByRole('radio', { name: '3星' }));
  expect(alert).toBeInTheDocument();
});
