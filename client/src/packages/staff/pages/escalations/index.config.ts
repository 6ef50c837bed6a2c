export default definePageConfig({
  navigationBarTitleText: '超时预警',
  enablePullDownRefresh: true,
});
