import { featureTexts } from '../../i18n/feature-texts.js';

/** Texts of the photos feature, mounted under `photos` in both languages. */
export const photoTexts = featureTexts(
  {
    add: 'Add photo',
    reducing: 'Preparing photo…',
    notAnImage: 'This file is not a photo the tablet can read. Take the photo again.',
    tooLarge: 'This photo could not be made small enough to keep. Take it again.',
    notAddedTitle: 'Photo not added',
    thumbnail: 'Photo {{number}} of {{count}}',
    unavailable: 'Photo not on this tablet yet',
    notOnServer: 'Not sent yet',
    uploadLabel: 'Photo upload',
    uploading: 'Uploading photo {{number}} of {{total}} · {{percent}}%',
    waiting_one: '{{count}} photo not yet on server',
    waiting_other: '{{count}} photos not yet on server',
    close: 'Close',
  },
  {
    add: '添加照片',
    reducing: '正在处理照片…',
    notAnImage: '平板无法读取此文件,它不是照片。请重新拍照。',
    tooLarge: '此照片无法压缩到可保存的大小,请重新拍摄。',
    notAddedTitle: '照片未添加',
    thumbnail: '照片 {{number}} / {{count}}',
    unavailable: '照片尚未下载到本平板',
    notOnServer: '未上传',
    uploadLabel: '照片上传',
    uploading: '正在上传照片 {{number}} / {{total}} · {{percent}}%',
    waiting_one: '{{count}} 张照片尚未上传服务器',
    waiting_other: '{{count}} 张照片尚未上传服务器',
    close: '关闭',
  },
);
