import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { DisputeForm } from '../../client/src/features/wish/DisputeForm';

test('the resident says what is not done; an empty reason is pointed out before anything is sent', async () => {
  const submit = jest.fn().mockResolvedValue({});
  const onDone = jest.fn();
  render(<DisputeForm submit={submit} onDone={onDone} />);
  fireEvent.click(screen.getByText('没有完成，我有异议'));
  fireEvent.click(screen.getByText('提交异议'));
  expect(await screen.findByRole('alert')).toHaveTextContent('请说明哪里还没有完成');
  expect(submit).not.toHaveBeenCalled();

  fireEvent.change(screen.getByLabelText('异议原因'), { target: { value: '  水管还在漏水 ' } });
  fireEvent.click(screen.getByText('提交异议'));
  await waitFor(() => expect(onDone).toHaveBeenCalled());
  expect(submit).toHaveBeenCalledWith('水管还在漏水', expect.any(String));
});

test('a refusal is shown and the reason kept', async () => {
  const submit = jest.fn().mockRejectedValue(new AppError('INVALID_TRANSITION', '当前状态不能提出异议'));
  render(<DisputeForm submit={submit} onDone={() => undefined} />);
  fireEvent.click(screen.getByText('没有完成，我有异议'));
  fireEvent.change(screen.getByLabelText('异议原因'), { target: { value: '没有来' } });
  fireEvent.click(screen.getByText('提交异议'));
  expect(await screen.findByRole('alert')).toBeInTheDocument();
  expect(screen.getByLabelText('异议原因')).toHaveValue('没有来');
});
