import Taro from '@tarojs/taro';

/** Taro's album picker and file upload, the calls services/uploads makes (through mediaCalls: h5 fetches them on first use). */
export const chooseImage = (option: Taro.chooseImage.Option) => Taro.chooseImage(option);
export const uploadFile = (option: Taro.uploadFile.Option) => Taro.uploadFile(option);
