export default definePageConfig({ navigationBarTitleText: '单位认领' });
