export default definePageConfig({ navigationBarTitleText: '集体活动', enablePullDownRefresh: true });
