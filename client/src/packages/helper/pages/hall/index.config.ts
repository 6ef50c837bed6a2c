export default definePageConfig({ navigationBarTitleText: '任务大厅', enablePullDownRefresh: true });
