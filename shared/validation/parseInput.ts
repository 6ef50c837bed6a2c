import type * as z from 'zod';
import { AppError } from '../errors';

/** One bad field, named by its dotted path from the root of the parsed value. */
export interface FieldError {
  path: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

function joinPath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

const typeNames: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是/否',
  object: '对象',
  array: '列表',
  date: '时间',
};

/** Chinese wording for zod's issue codes; a schema's own message always wins. */
function messageOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '必填' : `类型不正确，应为 ${typeNames[issue.expected] ?? issue.expected}`;
    case 'too_big':
      if (issue.origin === 'string') return `不能超过${issue.maximum}个字`;
      if (issue.origin === 'array') return `最多 ${issue.maximum} 项`;
      return `不能大于 ${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `不能少于${issue.minimum}个字`;
      if (issue.origin === 'array') return `至少 ${issue.minimum} 项`;
      return `不能小于 ${issue.minimum}`;
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return '取值不在允许范围内';
    case 'invalid_union':
      return '格式不正确';
    case 'not_multiple_of':
      return `应为 ${issue.divisor} 的整数倍`;
    case 'unrecognized_keys':
      return '不允许的字段';
    case 'invalid_key':
      return issue.issues.find((i) => i.code === 'custom')?.message ?? '字段名不正确';
    default:
      return '输入不正确';
  }
}

/** Zod's English defaults are replaced; messages given in our schemas are kept. */
function hasCustomMessage(issue: Issue): boolean {
  if (issue.code === 'invalid_key') return false;
  return issue.code === 'custom' || /[\u4e00-\u9fff]/.test(issue.message);
}

export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  const fields: FieldError[] = [];
  for (const issue of error.issues) {
    const message = hasCustomMessage(issue) ? issue.message : messageOf(issue);
    if (issue.code === 'unrecognized_keys') {
      // Name each unknown key, so `{"$where": …}` or `{"a.b": …}` points at itself.
      for (const key of issue.keys) fields.push({ path: joinPath([...issue.path, key]), message });
    } else {
      fields.push({ path: joinPath(issue.path), message });
    }
  }
  return fields;
}

export function validationError(fields: FieldError[]): AppError {
  const first = fields[0];
  const where = first ? (first.path ? `${first.path}：${first.message}` : first.message) : '格式不正确';
  const more = fields.length > 1 ? `（共 ${fields.length} 处）` : '';
  return new AppError('VALIDATION_FAILED', `输入有误：${where}${more}`, { fields });
}

/**
 * The one place validation errors are made: parse or throw
 * AppError('VALIDATION_FAILED', …, { fields: [{ path, message }] }).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  // reportInput lets the wording tell "missing" from "wrong type"; inputs never leave this function.
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw validationError(fieldErrorsOf(result.error));
}
