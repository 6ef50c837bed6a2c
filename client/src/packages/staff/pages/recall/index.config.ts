export default definePageConfig({
  navigationBarTitleText: '收回心愿',
});
