/**
 * Every refusal the product can give, by stable code, in both languages.
 * The server puts the code on the wire; the tablet shows the message in the
 * user's language. Codes never change meaning once shipped.
 */
export interface LocalisedText {
  en: string;
  'zh-CN': string;
}

export const ERROR_MESSAGES = {
  BODY_MALFORMED: {
    en: 'The request body is not valid JSON.',
    'zh-CN': '请求内容不是有效的 JSON。',
  },
  BODY_TOO_LARGE: {
    en: 'The request is too large. Sync sends smaller batches; try again.',
    'zh-CN': '请求内容过大。同步将分批发送,请重试。',
  },
  CONTENT_TYPE_UNSUPPORTED: {
    en: 'The request must be sent as JSON (content-type: application/json).',
    'zh-CN': '请求必须以 JSON 格式发送 (content-type: application/json)。',
  },
  REQUEST_INVALID: {
    en: 'The request is not valid.',
    'zh-CN': '请求无效。',
  },
  SCHEMA_INVALID: {
    en: 'A field has a value the record format does not allow.',
    'zh-CN': '某个字段的值不符合记录格式。',
  },
  PROTOCOL_OUTDATED: {
    en: 'This app version is too old to sync. Please update the app.',
    'zh-CN': '此应用版本过旧,无法同步。请更新应用。',
  },
  UNKNOWN_COLLECTION: {
    en: 'There is no such kind of record.',
    'zh-CN': '不存在此类记录。',
  },
  SERVER_UNREACHABLE: {
    en: 'Cannot reach the server. Your work is saved on this tablet and will sync when the connection is back.',
    'zh-CN': '无法连接服务器。您的工作已保存在本平板上,连接恢复后将自动同步。',
  },
  STORAGE_FULL: {
    en: "This tablet's storage is full, so this change was not saved. Sync, then free space or ask your admin.",
    'zh-CN': '本平板存储空间已满,此次更改未保存。请先同步,再清理空间或联系管理员。',
  },
  LOCAL_SAVE_FAILED: {
    en: 'This change could not be saved on the tablet. Please try again.',
    'zh-CN': '此更改未能保存在平板上,请重试。',
  },
  NOT_FOUND: {
    en: 'Not found.',
    'zh-CN': '未找到。',
  },
  SERVER_ERROR: {
    en: 'The server had an internal error. Nothing was changed; sync will retry.',
    'zh-CN': '服务器内部错误。未做任何更改,同步将自动重试。',
  },
  VIN_LENGTH: {
    en: 'A VIN has exactly 17 characters.',
    'zh-CN': '车架号 (VIN) 必须为 17 位。',
  },
  VIN_CHARACTERS: {
    en: 'A VIN uses digits and capital letters, never I, O or Q.',
    'zh-CN': '车架号 (VIN) 只能包含数字和大写字母,不能有 I、O、Q。',
  },
  VIN_CHECK_DIGIT: {
    en: 'The VIN check digit (9th character) does not match: please re-read the VIN.',
    'zh-CN': '车架号第 9 位校验位不符,请重新核对车架号。',
  },
  VIN_CHECK_DIGIT_UNVERIFIED: {
    en: 'The check digit does not match. Non-North-American VINs may not use one: confirm against the registration.',
    'zh-CN': '校验位不符。非北美车架号可能不使用校验位,请与行驶证核对。',
  },
  ODOMETER_RANGE: {
    en: 'Odometer must be a whole number of km from 0 to 1,999,999.',
    'zh-CN': '里程必须是 0 至 1,999,999 之间的整数公里数。',
  },
  FUEL_RANGE: {
    en: 'Fuel level is given in eighths, from 0 (empty) to 8 (full).',
    'zh-CN': '燃油位置以八分之一计,0(空)至 8(满)。',
  },
  ODOMETER_DECREASED: {
    en: 'This is below the last reading for this vehicle. Check it, or give the reason (e.g. instrument cluster replaced).',
    'zh-CN': '低于此车上次记录的公里数。请核对,或填写原因(如更换仪表)。',
  },
  ODOMETER_JUMP: {
    en: 'More than 100,000 km since the last visit. Please confirm the reading.',
    'zh-CN': '距上次进厂已超过 100,000 公里,请确认读数。',
  },
  SIGNATURE_REQUIRED: {
    en: "The customer's signature on the repair order is needed before the car goes to the workshop.",
    'zh-CN': '车辆进入车间前,需要客户在维修委托书上签字。',
  },
  SIGNATURE_VOID: {
    en: 'The order changed after the customer signed. The signature is void: ask the customer to sign again.',
    'zh-CN': '客户签字后工单内容有变更,原签字已作废,请客户重新签字。',
  },
  RECORD_APPEND_ONLY: {
    en: 'This record is final once written and cannot be changed. Make a new one instead.',
    'zh-CN': '此记录一经写入即不可修改,请新建一条记录。',
  },
  BLOB_HASH_MISMATCH: {
    en: 'The uploaded file does not match its fingerprint (SHA-256). It was not stored; the upload will be retried.',
    'zh-CN': '上传的文件与其指纹 (SHA-256) 不符,未保存,将重新上传。',
  },
  BLOB_TOO_LARGE: {
    en: 'The file is larger than the server accepts.',
    'zh-CN': '文件超过服务器允许的大小。',
  },
  BLOB_TYPE_UNSUPPORTED: {
    en: 'Only JPEG, WebP and PNG images can be uploaded.',
    'zh-CN': '只能上传 JPEG、WebP 或 PNG 图片。',
  },
  PHONE_FORMAT: {
    en: 'Phone numbers use digits, spaces, +, - and brackets only.',
    'zh-CN': '电话号码只能包含数字、空格、+、- 和括号。',
  },
} as const satisfies Record<string, LocalisedText>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface CodedError {
  code: ErrorCode;
  message: LocalisedText;
  /** Path of the offending field, e.g. `/0/newDocumentState/vehicle/vin`. */
  field?: string;
}

export function codedError(code: ErrorCode, field?: string): CodedError {
  return field === undefined
    ? { code, message: ERROR_MESSAGES[code] }
    : { code, message: ERROR_MESSAGES[code], field };
}
