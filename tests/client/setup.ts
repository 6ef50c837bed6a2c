import '@testing-library/jest-dom';
import { taroMock } from './__mocks__/taro';

// The client's browser build: HTTP transport, demo login.
process.env.TARO_ENV = 'h5';

beforeEach(() => taroMock.reset());
