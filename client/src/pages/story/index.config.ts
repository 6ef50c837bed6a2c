export default definePageConfig({ navigationBarTitleText: '微故事', enableShareAppMessage: true });
