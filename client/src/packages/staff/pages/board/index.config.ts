export default definePageConfig({
  navigationBarTitleText: '全部心愿',
  enablePullDownRefresh: true,
});
