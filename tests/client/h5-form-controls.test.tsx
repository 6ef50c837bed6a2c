import { act, fireEvent, render } from '@testing-library/react';
import { useState, type ComponentType } from 'react';

// The modules are JavaScript (components/h5/index.js says why): their props are Taro's, loosely typed here.
const h5 = (name: string) => jest.requireActual(`../../client/src/components/h5/${name}`)[name] as ComponentType<Record<string, unknown>>;
const [Button, Input, Switch, Textarea] = ['Button', 'Input', 'Switch', 'Textarea'].map(h5);

// The h5 build's Button, Input, Switch and Textarea (client/src/components/h5): Taro's elements, rendered by React
// without Taro's Stencil components, behaving as those did (the other client tests use a plain DOM double instead).

type Detail = { detail: { value: string; cursor?: number } };

test('a button is Taro’s element with its attributes and style, no custom element is defined, and its tap reaches the screen', () => {
  const tapped = jest.fn();
  const { container } = render(
    <Button className="btn btn--primary" size="mini" aria-busy={false} disabled={false} onClick={tapped}>
      提交心愿
    </Button>,
  );
  const button = container.querySelector('taro-button-core')!;
  expect(button.getAttribute('class')).toBe('btn btn--primary');
  // As Taro's wrapper and component left them: booleans as written ("false"), the type reflected as ''.
  expect([button.getAttribute('size'), button.getAttribute('aria-busy'), button.getAttribute('disabled'), button.getAttribute('type')]).toEqual(['mini', 'false', 'false', '']);
  expect(customElements.get('taro-button-core')).toBeUndefined();
  fireEvent.click(button);
  expect(tapped).toHaveBeenCalledTimes(1);
  // Taro's button stylesheet, once, ahead of the page's stylesheets (where Stencil put it), however many buttons.
  render(<Button>再来一个</Button>);
  const styles = [...document.head.querySelectorAll('style')].filter((s) => s.textContent!.includes('taro-button-core{'));
  expect(styles).toHaveLength(1);
});

test('a disabled button does not call its handler, as in the mini-program', () => {
  const tapped = jest.fn();
  const outside = jest.fn();
  const { container } = render(
    <div onClick={outside}>
      <Button disabled onClick={tapped}>
        提交中
      </Button>
    </div>,
  );
  const button = container.querySelector('taro-button-core')!;
  expect(button.getAttribute('disabled')).toBe('');
  fireEvent.click(button);
  expect(tapped).not.toHaveBeenCalled();
  expect(outside).not.toHaveBeenCalled();
});

/** A screen's field: the value held in state, as our forms do; `keep` decides what the screen takes. */
function Field({ keep = (v: string) => v, onValue = (_: string) => {}, area = false }: { keep?: (v: string) => string; onValue?: (v: string) => void; area?: boolean }) {
  const [value, setValue] = useState('');
  const onInput = (e: Detail) => {
    onValue(e.detail.value);
    setValue(keep(e.detail.value));
  };
  return area ? (
    <Textarea className="textarea" placeholder="详细描述" maxlength={500} value={value} onInput={onInput} />
  ) : (
    <Input className="input" placeholder="联系电话" maxlength={20} value={value} onInput={onInput} />
  );
}

describe.each([
  ['input', false],
  ['textarea', true],
])('a %s', (tag, area) => {
  const field = (container: HTMLElement) => container.querySelector(`taro-${tag}-core ${tag}`) as HTMLInputElement;

  test('is inside Taro’s element, and what is typed reaches the screen as e.detail.value', () => {
    const seen = jest.fn();
    const { container } = render(<Field area={area} onValue={seen} />);
    const el = field(container);
    expect(el.className).toBe(area ? 'taro-textarea' : 'weui-input');
    expect(el.maxLength).toBe(area ? 500 : 20);
    expect(container.querySelector(`taro-${tag}-core`)!.getAttribute('class')).toBe(area ? 'textarea' : 'input');
    fireEvent.input(el, { target: { value: '王秀英' } });
    expect(seen).toHaveBeenLastCalledWith('王秀英');
    expect(el.value).toBe('王秀英');
  });

  test('is controlled by the screen: a character it does not take comes out again, a value it trims is shown trimmed', () => {
    const { container } = render(<Field area={area} keep={(v) => v.replace(/\D/g, '')} />);
    const el = field(container);
    fireEvent.input(el, { target: { value: '138' } });
    expect(el.value).toBe('138');
    fireEvent.input(el, { target: { value: '138x' } });
    expect(el.value).toBe('138');
    fireEvent.input(el, { target: { value: '1 3 8 9' } });
    expect(el.value).toBe('1389');
  });

  test('leaves pinyin being composed alone and sends the word once it is chosen', () => {
    const seen = jest.fn();
    const { container } = render(<Field area={area} onValue={seen} />);
    const el = field(container);
    fireEvent.compositionStart(el);
    fireEvent.input(el, { target: { value: 'wang' } });
    expect(seen).not.toHaveBeenCalled();
    expect(el.value).toBe('wang');
    el.value = '王';
    fireEvent.compositionEnd(el);
    expect(seen).toHaveBeenLastCalledWith('王');
    expect(el.value).toBe('王');
  });

  test('calls onChange when the text is committed (the browser’s change), not on every keystroke', () => {
    const changed = jest.fn();
    const Control = area ? Textarea : Input;
    const { container } = render(<Control value="" onChange={changed} />);
    const el = field(container);
    fireEvent.input(el, { target: { value: '王' } });
    expect(changed).not.toHaveBeenCalled();
    fireEvent.change(el, { target: { value: '王秀英' } });
    expect(changed).toHaveBeenCalledWith(expect.objectContaining({ detail: { value: '王秀英' } }));
  });

  test('shows a value the screen sets (a draft restored), and Enter is onConfirm', () => {
    const confirmed = jest.fn();
    const Control = area ? Textarea : Input;
    const { container, rerender } = render(<Control value="" onConfirm={confirmed} />);
    rerender(<Control value="草稿里的字" onConfirm={confirmed} />);
    const el = field(container);
    expect(el.value).toBe('草稿里的字');
    fireEvent.keyDown(el, { keyCode: 13 });
    expect(confirmed).toHaveBeenCalledWith(expect.objectContaining({ detail: { value: '草稿里的字' } }));
  });
});

test('an input given maxlength={undefined} has no limit, as Taro’s left it; with none given it keeps Taro’s 140', () => {
  const { container } = render(
    <>
      <Input maxlength={undefined} value="" />
      <Input value="" />
    </>,
  );
  const [open, limited] = [...container.querySelectorAll('input')];
  expect(open.hasAttribute('maxlength')).toBe(false);
  expect(limited.maxLength).toBe(140);
});

test('a switch sends its new state, takes `color` when on, and stays as the screen holds it', () => {
  function Anonymous({ take }: { take: boolean }) {
    const [on, setOn] = useState(false);
    return <Switch aria-label="在心愿墙上匿名展示" nativeProps={{ 'aria-label': '在心愿墙上匿名展示' }} checked={on} color="#c8161d" onChange={(e: { detail: { value: boolean } }) => take && setOn(e.detail.value)} />;
  }
  const { container } = render(<Anonymous take />);
  const box = container.querySelector('taro-switch-core input.weui-switch') as HTMLInputElement;
  expect(box.getAttribute('aria-label')).toBe('在心愿墙上匿名展示');
  act(() => box.click());
  expect(box.checked).toBe(true);
  expect(box.style.backgroundColor).toBe('rgb(200, 22, 29)');

  const { container: other } = render(<Anonymous take={false} />);
  const refused = other.querySelector('input.weui-switch') as HTMLInputElement;
  act(() => refused.click());
  expect(refused.checked).toBe(false);
  expect(refused.style.backgroundColor).toBe('');
});
