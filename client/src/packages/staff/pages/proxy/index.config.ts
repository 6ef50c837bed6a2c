export default definePageConfig({
  navigationBarTitleText: '代录心愿',
});
