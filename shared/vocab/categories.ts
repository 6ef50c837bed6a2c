export const Categories = [
  'daily_help',
  'medical_trip',
  'health',
  'legal_aid',
  'mediation',
  'repair',
  'companionship',
  'material',
  'policy',
  'other',
] as const;

export type Category = (typeof Categories)[number];

export interface CategoryInfo {
  label: string;
  /** Sensitive wishes never appear on the public wall (DESIGN.md §7): health and legal matters are private. */
  sensitive: boolean;
}

export const CategoryInfos: Record<Category, CategoryInfo> = {
  daily_help: { label: '生活帮扶', sensitive: false },
  medical_trip: { label: '就医出行', sensitive: true },
  health: { label: '健康义诊', sensitive: true },
  legal_aid: { label: '法律援助', sensitive: true },
  mediation: { label: '矛盾调解', sensitive: true },
  repair: { label: '维修', sensitive: false },
  companionship: { label: '精神慰藉', sensitive: false },
  material: { label: '物资心愿', sensitive: false },
  policy: { label: '政策咨询', sensitive: false },
  other: { label: '其他', sensitive: false },
};

export const CategoryLabels: Record<Category, string> = Object.fromEntries(
  Categories.map((c) => [c, CategoryInfos[c].label]),
) as Record<Category, string>;

export function isSensitiveCategory(category: Category): boolean {
  return CategoryInfos[category].sensitive;
}

export function isPublicOnWall(category: Category): boolean {
  return !CategoryInfos[category].sensitive;
}

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (Categories as readonly string[]).includes(value);
}
