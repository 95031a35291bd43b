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
  AUTH_REQUIRED: {
    en: 'Please sign in. Your work stays on this tablet and syncs once someone signs in.',
    'zh-CN': '请登录。您的工作仍保存在本平板上,登录后将自动同步。',
  },
  TOKEN_EXPIRED: {
    en: 'Your sign-in has expired. Sign in again; nothing on this tablet is lost.',
    'zh-CN': '登录已过期,请重新登录。本平板上的数据不会丢失。',
  },
  TOKEN_INVALID: {
    en: 'This sign-in is no longer valid. Sign in again with your password.',
    'zh-CN': '此登录已失效,请用密码重新登录。',
  },
  STREAM_TICKET_INVALID: {
    en: 'This live-update ticket is unknown, used or expired. The app fetches a new one and reconnects.',
    'zh-CN': '此实时更新凭证无效、已使用或已过期。应用将获取新凭证并重新连接。',
  },
  TOKEN_IN_URL: {
    en: 'Sign-in tokens are never accepted in an address. The live stream takes a ticket from POST /api/v1/sync/stream-ticket.',
    'zh-CN': '登录令牌不能放在网址中。实时更新请先通过 POST /api/v1/sync/stream-ticket 获取凭证。',
  },
  LOGIN_FAILED: {
    en: 'Wrong username or password.',
    'zh-CN': '用户名或密码错误。',
  },
  LOGIN_SITE_REQUIRED: {
    en: 'This username exists at more than one dealer site: choose the site.',
    'zh-CN': '此用户名在多个经销商站点存在,请选择站点。',
  },
  LOGIN_RATE_LIMITED: {
    en: 'Too many sign-in attempts. Wait a few minutes and try again.',
    'zh-CN': '登录尝试次数过多,请等几分钟后再试。',
  },
  DEVICE_NOT_ENROLLED: {
    en: 'This tablet is not enrolled at the dealer site. A site admin enrols it once, on this tablet.',
    'zh-CN': '本平板尚未在经销商站点登记。请站点管理员在本平板上登记一次。',
  },
  DEVICE_REVOKED: {
    en: 'A site admin revoked this tablet: it no longer signs in or syncs. Unsynced records stay on it until a site admin enrols it again.',
    'zh-CN':
      '站点管理员已停用本平板:它不能再登录或同步。未同步的记录保留在本平板上,直到站点管理员重新登记它。',
  },
  ENROL_ADMIN_ONLY: {
    en: 'Only a site admin can enrol a tablet.',
    'zh-CN': '只有站点管理员可以登记平板。',
  },
  DEVICE_NOT_FOUND: {
    en: 'No such tablet at this site.',
    'zh-CN': '本站点没有此平板。',
  },
  DEVICE_NAME_FORMAT: {
    en: 'Give the tablet a name of 1 to 60 characters.',
    'zh-CN': '请给平板起一个 1 到 60 个字符的名称。',
  },
  USER_INACTIVE: {
    en: 'This user has been deactivated. Ask your site admin.',
    'zh-CN': '此用户已停用,请联系站点管理员。',
  },
  ROLE_FORBIDDEN: {
    en: 'Your role does not allow this.',
    'zh-CN': '您的角色无权执行此操作。',
  },
  SITE_FORBIDDEN: {
    en: 'This record belongs to another dealer site.',
    'zh-CN': '此记录属于其他经销商站点。',
  },
  AUTHOR_UNKNOWN: {
    en: 'The person who made this record is not a user of this site.',
    'zh-CN': '创建此记录的人不是本站点的用户。',
  },
  AUTHOR_NOT_SIGNED_IN: {
    en: 'This change is written in someone else’s name. A record names the person signed in who made it.',
    'zh-CN': '此更改以他人名义写入。记录只能署名当前登录并实际操作的人。',
  },
  CREATED_BY_CHANGED: {
    en: 'Who created a record never changes.',
    'zh-CN': '记录的创建人不可更改。',
  },
  RECORD_NOT_DELETABLE: {
    en: 'This kind of record is never deleted.',
    'zh-CN': '此类记录不可删除。',
  },
  RECORD_SIGNED_NOT_DELETABLE: {
    en: 'An order or job with signatures or sign-offs is never deleted. Cancel the order with a reason instead.',
    'zh-CN': '已有签名或检验签字的委托书或作业不可删除,请填写原因取消委托书。',
  },
  ORDER_CANCEL_REASON_REQUIRED: {
    en: 'Say why the order is cancelled.',
    'zh-CN': '取消委托书时请填写取消原因。',
  },
  JOB_NOT_ASSIGNED: {
    en: 'Only the technician assigned to this job (or the foreman) records its operations and findings.',
    'zh-CN': '只有被指派的技师(或车间主管)可以记录此作业的项目和检查发现。',
  },
  REWORK_SIGNER_MISMATCH: {
    en: 'A rework record is opened by the person who failed the check, in their own name.',
    'zh-CN': '返修记录须由判定不合格的检验人本人开立。',
  },
  ORDER_OTHER_SITE: {
    en: 'This record points at a repair order of another dealer site.',
    'zh-CN': '此记录关联的维修委托书属于其他经销商站点。',
  },
  USERNAME_TAKEN: {
    en: 'This username is already used at this site.',
    'zh-CN': '此用户名在本站点已被使用。',
  },
  USERNAME_FORMAT: {
    en: 'A username is 2–32 lower-case letters, digits, dots, dashes or underscores.',
    'zh-CN': '用户名为 2–32 位小写字母、数字、点、短横线或下划线。',
  },
  PASSWORD_TOO_SHORT: {
    en: 'A password has at least 8 characters.',
    'zh-CN': '密码至少 8 位。',
  },
  PIN_FORMAT: {
    en: 'A PIN is 4 to 8 digits.',
    'zh-CN': 'PIN 码为 4 至 8 位数字。',
  },
  PIN_WRONG: {
    en: 'Wrong PIN.',
    'zh-CN': 'PIN 码错误。',
  },
  PIN_LOCKED: {
    en: 'Too many wrong PINs. Wait, or sign in with your password.',
    'zh-CN': 'PIN 码错误次数过多。请稍候,或用密码登录。',
  },
  LAST_ADMIN: {
    en: 'A site needs at least one active admin.',
    'zh-CN': '每个站点至少需要一名在用的管理员。',
  },
  USER_NOT_FOUND: {
    en: 'There is no such user at this site.',
    'zh-CN': '本站点没有此用户。',
  },
  SITE_NOT_FOUND: {
    en: 'This site is not on the server.',
    'zh-CN': '服务器上没有此站点。',
  },
  SIGNOFF_ROLE_FORBIDDEN: {
    en: "Your role cannot sign this check: self-check is the technician's, peer check a team leader's, final check the foreman's.",
    'zh-CN': '您的角色不能签此项检验:自检由技师签,互检由班组长签,终检由车间主管签。',
  },
  SIGNOFF_NOT_ASSIGNED: {
    en: 'Only the technician the job is dispatched to can sign its self-check.',
    'zh-CN': '只有被派工的技师才能签自检。',
  },
  SIGNOFF_SELF_CHECK_FAIL: {
    en: 'A self-check is signed only when the work passes; until then keep working.',
    'zh-CN': '自检只在合格时签字;不合格请继续作业。',
  },
  SIGNOFF_SAME_PERSON: {
    en: 'One person cannot sign two levels of the check on the same job.',
    'zh-CN': '同一人不能在同一作业上签两级检验。',
  },
  SIGNOFF_OUT_OF_ORDER: {
    en: 'The checks go in order: self-check, then peer check, then final check.',
    'zh-CN': '检验须按顺序进行:自检、互检、终检。',
  },
  SIGNOFF_CONTENT_CHANGED: {
    en: 'The job changed after the self-check, so it cannot pass. Fail this check to send it back for a new self-check.',
    'zh-CN': '自检后作业内容有变更,不能判定合格。请判定不合格,退回重新自检。',
  },
  SIGNOFF_CONTENT_MISMATCH: {
    en: 'The signed content does not match its fingerprint or its job.',
    'zh-CN': '签字内容与其指纹或作业不符。',
  },
  SIGNOFF_REVISION_UNKNOWN: {
    en: 'This check names a version of the job the server never had. Sign it again on the job as it is now.',
    'zh-CN': '此检验签字所依据的作业版本服务器从未收到。请按作业当前内容重新签字。',
  },
  SIGNOFF_JOB_DELETED: {
    en: 'This job was deleted: it cannot be signed.',
    'zh-CN': '此作业已删除,不能签字。',
  },
  SIGNOFF_JOB_CHANGED: {
    en: 'The job changed after this final check was signed. Check the job as it is now.',
    'zh-CN': '终检签字后作业内容已变更,请按作业当前内容重新终检。',
  },
  JOB_CLOSED_AFTER_QC: {
    en: 'The final check of this job has passed: it cannot be changed. The foreman reopens the job first.',
    'zh-CN': '此作业终检已合格,不能再更改。须先由车间主管重新开工。',
  },
  REOPEN_REASON_REQUIRED: {
    en: 'Say why the job is reopened.',
    'zh-CN': '请填写重新开工的原因。',
  },
  REOPEN_WITHOUT_FINAL_PASS: {
    en: 'Only a job whose final check passed can be reopened, naming that final check.',
    'zh-CN': '只有终检合格的作业才能重新开工,且须指明该终检。',
  },
  SIGNOFF_INCOMPLETE: {
    en: 'Not everything is done: every operation and added work must be finished and every check answered.',
    'zh-CN': '尚未全部完成:所有项目和追加项目须完工,所有检查项须作答。',
  },
  SIGNOFF_REASON_REQUIRED: {
    en: 'Say what failed before failing the check.',
    'zh-CN': '判定不合格前,请填写不合格原因。',
  },
  ADDED_WORK_NOT_AUTHORISED: {
    en: 'Added work starts only after the customer has approved this exact work and price.',
    'zh-CN': '追加项目须经客户确认此项目及价格后才能开工。',
  },
  DISPATCH_ROLE_FORBIDDEN: {
    en: 'Only the foreman assigns technicians and bays.',
    'zh-CN': '只有车间主管可以派工(指派技师和工位)。',
  },
  REWORK_WITHOUT_FAILURE: {
    en: 'A rework record must name a failed check of the same job.',
    'zh-CN': '返修记录必须关联同一作业的一次不合格检验。',
  },
  SIGNER_SIGNATURE_MISSING: {
    en: 'This record must carry its signer’s digital signature (sign in on this tablet again).',
    'zh-CN': '此记录必须带有签署人的数字签名(请在本平板上重新登录)。',
  },
  SIGNER_SIGNATURE_INVALID: {
    en: 'The digital signature does not match this record: it was not signed as sent.',
    'zh-CN': '数字签名与此记录不符:记录在签署后被改动过。',
  },
  SIGNER_KEY_UNKNOWN: {
    en: 'The signing key is not registered with the server.',
    'zh-CN': '签名密钥尚未在服务器登记。',
  },
  SIGNER_KEY_OTHER_USER: {
    en: 'The signing key belongs to another person: each person signs with their own key.',
    'zh-CN': '签名密钥属于他人:每个人只能用自己的密钥签署。',
  },
  SIGNER_KEY_OTHER_DEVICE: {
    en: 'The signing key was registered on another tablet.',
    'zh-CN': '签名密钥是在另一台平板上登记的。',
  },
  SIGNER_KEY_REVOKED: {
    en: 'The signing key is revoked (the tablet was revoked or the person deactivated).',
    'zh-CN': '签名密钥已作废(平板已注销或人员已停用)。',
  },
  SIGNER_KEY_INVALID: {
    en: 'The public key is not an ECDSA P-256 key, or the key id is not its SHA-256.',
    'zh-CN': '公钥不是 ECDSA P-256 密钥,或密钥编号不是其 SHA-256。',
  },
  SIGNER_KEY_DUPLICATE: {
    en: 'This key is already registered for another person or tablet.',
    'zh-CN': '此密钥已为其他人员或平板登记。',
  },
  SIGNER_KEY_LOCKED: {
    en: 'Your signing key is locked: tap “Switch user” and enter your PIN, then sign.',
    'zh-CN': '您的签名密钥已锁定:请点“切换用户”并输入 PIN 码后再签署。',
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
