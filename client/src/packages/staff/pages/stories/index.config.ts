export default definePageConfig({ navigationBarTitleText: '微故事', enablePullDownRefresh: true });
