export default definePageConfig({
  navigationBarTitleText: '网格地图',
  enablePullDownRefresh: true,
});
