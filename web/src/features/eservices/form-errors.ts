import type { TFunction } from 'i18next';

/** Ajv's keyword and params as a sentence in the reader's language (never Ajv's English). */
export function formErrorText(
  t: TFunction,
  keyword: string | undefined,
  params: Record<string, unknown> = {},
): string {
  switch (keyword) {
    case 'required':
      return t('serviceForm.errors.required');
    case 'minLength':
      return t('serviceForm.errors.minLength', { count: Number(params.limit) });
    case 'maxLength':
      return t('serviceForm.errors.maxLength', { count: Number(params.limit) });
    case 'pattern':
      return t('serviceForm.errors.pattern');
    case 'format':
      return params.format === 'date' ? t('serviceForm.errors.date') : t('serviceForm.errors.pattern');
    case 'enum':
      return t('serviceForm.errors.enum');
    case 'const':
      return t('serviceForm.errors.const');
    case 'type':
      return t('serviceForm.errors.type');
    case 'readonly':
      return t('serviceForm.errors.readonly');
    default:
      return t('serviceForm.errors.other');
  }
}
